using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Text;

/// <summary>Id sequences of equal length as an int64 (batch, time) tensor.</summary>
public static class IdTensor
{
    public static Tensor From(IReadOnlyList<int[]> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0)
            throw new ArgumentException("sequences must hold at least one sequence.", nameof(sequences));
        int length = sequences[0].Length;
        if (sequences.FirstOrDefault(s => s.Length != length) is { } ragged)
            throw new ArgumentException($"sequences have different lengths ({length} and {ragged.Length}); a batch needs one length, so pad them first (SequencePadding.Pad).", nameof(sequences));
        return tensor(sequences.SelectMany(s => s).Select(i => (long)i).ToArray(), [sequences.Count, length]);
    }
}
