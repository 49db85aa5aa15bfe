using NotebookCourse.Helpers.Validation;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Masking;

/// <summary>
/// A padded batch as values plus mask: values (batch, time, dim) and a boolean mask (batch, time) that is true at
/// real tokens. Keras attaches such a mask implicitly and drops it silently at layers that cannot use it; here it
/// travels explicitly, and every layer that removes the time axis consumes it.
/// </summary>
public sealed class MaskedSequence
{
    public MaskedSequence(Tensor values, Tensor mask)
    {
        TensorChecks.Rank(values, 3, nameof(values), "values (batch, time, dim)");
        TensorChecks.FloatingPoint(values, nameof(values));
        TensorChecks.Rank(mask, 2, nameof(mask), "mask (batch, time)");
        TensorChecks.Dtype(mask, ScalarType.Bool, nameof(mask));
        if (values.shape[0] != mask.shape[0] || values.shape[1] != mask.shape[1])
            throw new ArgumentException($"values and mask must agree on (batch, time): values has shape {TensorChecks.Shape(values)}, mask has shape {TensorChecks.Shape(mask)}.", nameof(mask));
        if (values.device_type != mask.device_type || values.device_index != mask.device_index)
            throw new ArgumentException($"values and mask must be on the same device: values on {values.device}, mask on {mask.device}.", nameof(mask));
        Values = values;
        Mask = mask;
    }

    public Tensor Values { get; }
    public Tensor Mask { get; }

    public long Batch => Values.shape[0];
    public long Time => Values.shape[1];
    public long Dim => Values.shape[2];

    /// <summary>Real tokens per row, int64 (batch).</summary>
    public Tensor Lengths => Mask.sum(dim: 1);

    /// <summary>The mask as 0/1 in the values' dtype, shaped (batch, time, 1) to multiply values.</summary>
    public Tensor MaskAsWeights => Mask.unsqueeze(-1).to(Values.dtype);

    /// <summary>New values for the same positions (a layer that keeps the time axis passes the mask on).</summary>
    public MaskedSequence WithValues(Tensor values) => new(values, Mask);

    /// <summary>
    /// Values with every pad position set to exactly zero, whatever the pad held: selected, not multiplied,
    /// because a non-finite value times 0 is NaN. The gradient at pad positions is exactly zero too.
    /// </summary>
    public Tensor ZeroedValues() => ZeroAtPads(Values, Mask);

    /// <summary>A (batch, time, ...) tensor with the positions where <paramref name="mask"/> (batch, time) is false set to exactly zero.</summary>
    public static Tensor ZeroAtPads(Tensor values, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var keep = mask;
        while (keep.dim() < values.dim())
            keep = keep.unsqueeze(-1);
        return where(keep, values, zeros(1, dtype: values.dtype, device: values.device)).MoveToOuterDisposeScope();
    }

    /// <summary>Embedded ids: the mask comes from the ids (id != pad).</summary>
    public static MaskedSequence FromIds(Tensor ids, Tensor embedded, long padId = 0) => new(embedded, Masks.FromIds(ids, padId));

    /// <summary>Vectors fed from outside: a position is a pad when its vector is all zeros.</summary>
    public static MaskedSequence FromZeroVectors(Tensor vectors) => new(vectors, Masks.FromZeroVectors(vectors));
}
