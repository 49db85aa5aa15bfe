using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Padding;

/// <summary>
/// Keras' <c>pad_sequences</c>: every sequence becomes exactly <c>maxLength</c> long, cut at the truncating side
/// and filled with the pad value at the padding side. Defaults are Keras' (<c>pre</c>, <c>pre</c>, 0, longest).
/// </summary>
public static class SequencePadding
{
    public static int[][] Pad(IReadOnlyList<int[]> sequences, int? maxLength = null, PaddingSide padding = PaddingSide.Pre,
        TruncatingSide truncating = TruncatingSide.Pre, int value = 0)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Any(s => s is null))
            throw new ArgumentException("sequences must not contain null; use an empty array for an empty sequence.", nameof(sequences));
        if (maxLength is < 1)
            throw new ArgumentOutOfRangeException(nameof(maxLength), $"maxLength must be at least 1 (or null for the longest sequence), got {maxLength}.");
        int length = maxLength ?? (sequences.Count == 0 ? 0 : sequences.Max(s => s.Length));
        if (length == 0 && sequences.Count > 0)
            throw new ArgumentException("Every sequence is empty and no maxLength was given: the padded length would be 0; pass maxLength.", nameof(sequences));
        var result = new int[sequences.Count][];
        for (int i = 0; i < sequences.Count; i++)
        {
            var s = sequences[i];
            var kept = s.Length <= length ? s : truncating == TruncatingSide.Pre ? s[^length..] : s[..length];
            var row = new int[length];
            Array.Fill(row, value);
            kept.CopyTo(row, padding == PaddingSide.Pre ? length - kept.Length : 0);
            result[i] = row;
        }
        return result;
    }

    /// <summary>The padded ids as an int64 (batch, maxLength) tensor.</summary>
    public static Tensor PadToTensor(IReadOnlyList<int[]> sequences, int? maxLength = null, PaddingSide padding = PaddingSide.Pre,
        TruncatingSide truncating = TruncatingSide.Pre, int value = 0)
    {
        var rows = Pad(sequences, maxLength, padding, truncating, value);
        int length = rows.Length == 0 ? maxLength ?? 0 : rows[0].Length;
        var flat = new long[rows.Length * (long)length];
        for (int i = 0; i < rows.Length; i++)
            for (int t = 0; t < length; t++)
                flat[i * (long)length + t] = rows[i][t];
        return tensor(flat, [rows.Length, length]);
    }
}
