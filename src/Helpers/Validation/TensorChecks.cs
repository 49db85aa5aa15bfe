using TorchSharp;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Validation;

/// <summary>
/// Argument checks at the library boundary. A bad shape, dtype or id must become an exception that says
/// what was expected, never reach native code (an out-of-range id in an embedding lookup can crash it).
/// </summary>
public static class TensorChecks
{
    public static void Dtype(Tensor tensor, ScalarType expected, string name)
    {
        ArgumentNullException.ThrowIfNull(tensor, name);
        if (tensor.dtype != expected)
            throw new ArgumentException($"{name} must have dtype {expected}, got {tensor.dtype} (shape {Shape(tensor)}).", name);
    }

    public static void Rank(Tensor tensor, int expected, string name, string layout)
    {
        ArgumentNullException.ThrowIfNull(tensor, name);
        if (tensor.dim() != expected)
            throw new ArgumentException($"{name} must be {expected}-D {layout}, got shape {Shape(tensor)}.", name);
    }

    public static void FloatingPoint(Tensor tensor, string name)
    {
        ArgumentNullException.ThrowIfNull(tensor, name);
        if (!tensor.is_floating_point())
            throw new ArgumentException($"{name} must be a floating-point tensor, got dtype {tensor.dtype} (shape {Shape(tensor)}).", name);
    }

    /// <summary>Integer ids in [0, <paramref name="vocabularySize"/>).</summary>
    public static void Ids(Tensor ids, long vocabularySize, string name)
    {
        Dtype(ids, ScalarType.Int64, name);
        if (ids.numel() == 0)
            return;
        long min = ids.min().item<long>(), max = ids.max().item<long>();
        if (min < 0 || max >= vocabularySize)
            throw new ArgumentOutOfRangeException(name, $"{name} must hold ids in [0, {vocabularySize}) for a vocabulary of {vocabularySize}; found ids from {min} to {max}.");
    }

    public static void SameLeadingDimension(Tensor a, string aName, Tensor b, string bName)
    {
        if (a.shape[0] != b.shape[0])
            throw new ArgumentException($"{aName} and {bName} must have the same number of rows: {aName} has shape {Shape(a)}, {bName} has shape {Shape(b)}.");
    }

    public static string Shape(Tensor tensor) => "(" + string.Join(", ", tensor.shape) + ")";
}
