using NotebookCourse.Helpers.Validation;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Pretrained;

/// <summary>Nearest neighbours by cosine similarity, in a file's vectors or in a model's table.</summary>
public static class VectorNeighbours
{
    /// <summary>The <paramref name="k"/> words closest to <paramref name="word"/> in <paramref name="vectors"/>, closest first.</summary>
    public static IReadOnlyList<(string Word, double Cosine)> Nearest(WordVectors vectors, string word, int k = 5)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (!vectors.TryGetRow(word, out int row))
            throw new ArgumentException($"'{word}' has no vector in {vectors.Source}.", nameof(word));
        using var scope = NewDisposeScope();
        var table = tensor(vectors.Values, [vectors.Count, vectors.Dimension]);
        return Nearest(table, vectors.Words, row, k);
    }

    /// <summary>
    /// For every word of <paramref name="groupOfWord"/> that has a vector, the share of its <paramref name="k"/> nearest
    /// neighbours that belong to the same group: how well the vectors reflect a known grouping (1 is perfect).
    /// </summary>
    public static double SameGroupShare(WordVectors vectors, IReadOnlyDictionary<string, int> groupOfWord, int k = 5)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(groupOfWord);
        using var scope = NewDisposeScope();
        var table = tensor(vectors.Values, [vectors.Count, vectors.Dimension]);
        int same = 0, all = 0;
        foreach (var (word, group) in groupOfWord)
        {
            if (!vectors.TryGetRow(word, out int row))
                continue;
            foreach (var (neighbour, _) in Nearest(table, vectors.Words, row, k))
            {
                all++;
                if (groupOfWord.TryGetValue(neighbour, out int other) && other == group)
                    same++;
            }
        }
        return all == 0 ? double.NaN : (double)same / all;
    }

    /// <summary>The <paramref name="k"/> rows closest to <paramref name="row"/> of <paramref name="table"/> (rows, dim), named by <paramref name="labels"/>. All-zero rows (the pad) are never neighbours.</summary>
    public static IReadOnlyList<(string Word, double Cosine)> Nearest(Tensor table, IReadOnlyList<string> labels, int row, int k = 5)
    {
        TensorChecks.Rank(table, 2, nameof(table), "table (rows, dim)");
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count < table.shape[0])
            throw new ArgumentException($"labels names {labels.Count} rows; the table has {table.shape[0]}.", nameof(labels));
        if (row < 0 || row >= table.shape[0])
            throw new ArgumentOutOfRangeException(nameof(row), $"row must be in [0, {table.shape[0]}), got {row}.");
        if (k < 1)
            throw new ArgumentOutOfRangeException(nameof(k), $"k must be at least 1, got {k}.");
        using var scope = NewDisposeScope();
        var t = table.detach().cpu().to(ScalarType.Float32);
        var norms = t.norm(1);
        var cosine = t.matmul(t[row]) / (norms * norms[row]).clamp_min(1e-12);
        cosine[row] = float.NegativeInfinity;
        cosine.masked_fill_(norms.eq(0), float.NegativeInfinity);
        var (values, indexes) = cosine.topk((int)Math.Min(k, table.shape[0] - 1));
        var v = values.data<float>().ToArray();
        var ix = indexes.data<long>().ToArray();
        return ix.Select((r, i) => (labels[(int)r], (double)v[i])).Where(p => !double.IsNegativeInfinity(p.Item2)).ToList();
    }
}
