using NotebookCourse.Helpers.Masking;
using NotebookCourse.Helpers.Padding;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Masking;

/// <summary>Random rows of token vectors, padded to any length on either side, for invariance properties.</summary>
sealed class PaddedBatches
{
    readonly Tensor[] rows;   // each (length, dim), length may be 0

    public PaddedBatches(int seed, int batch, int maxTokens, int dim, bool includeEmptyRow = false)
    {
        var generator = new Generator((ulong)seed);
        var random = new Random(seed);
        rows = Enumerable.Range(0, batch)
            .Select(i => includeEmptyRow && i == batch - 1 ? 0 : random.Next(1, maxTokens + 1))
            .Select(length => randn([length, dim], generator: generator))
            .ToArray();
        Dim = dim;
    }

    public int Dim { get; }
    public int Longest => rows.Max(r => (int)r.shape[0]);
    public IEnumerable<int> Lengths => rows.Select(r => (int)r.shape[0]);

    /// <summary>All rows padded to <paramref name="time"/> on <paramref name="side"/>, pads filled with <paramref name="padValue"/>.</summary>
    public MaskedSequence Padded(int time, PaddingSide side, float padValue = 0f)
    {
        var values = full([rows.Length, time, Dim], padValue);
        var mask = zeros([rows.Length, time], ScalarType.Bool);
        for (int i = 0; i < rows.Length; i++)
        {
            long length = rows[i].shape[0];
            if (length == 0)
                continue;
            long start = side == PaddingSide.Pre ? time - length : 0;
            values[i, TensorIndex.Slice(start, start + length)] = rows[i];
            mask[i, TensorIndex.Slice(start, start + length)] = true;
        }
        return new MaskedSequence(values, mask);
    }

    /// <summary>Outputs at the real tokens of each row, in token order, concatenated: comparable across paddings.</summary>
    public static Tensor AtRealTokens(MaskedSequence sequence) => sequence.Values[sequence.Mask];
}
