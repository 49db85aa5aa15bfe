using NotebookCourse.Helpers.Text;
using NotebookCourse.Helpers.Validation;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Pretrained;

/// <summary>How much of a vocabulary a set of pre-trained vectors covers.</summary>
/// <param name="WordsFound">Vocabulary words (types) with a vector.</param>
/// <param name="WordsMissing">Vocabulary words without one.</param>
/// <param name="TokenCoverage">The share of the fitted texts' tokens whose word has a vector (counts from <see cref="Vocabulary.Counts"/>).</param>
/// <param name="MostFrequentMissing">The most frequent missing words with their counts, most frequent first.</param>
public sealed record CoverageReport(int WordsFound, int WordsMissing, double TokenCoverage, IReadOnlyList<(string Word, int Count)> MostFrequentMissing)
{
    public double TypeCoverage => WordsFound + WordsMissing == 0 ? 0 : (double)WordsFound / (WordsFound + WordsMissing);
}

/// <summary>
/// A table aligned to a vocabulary: row <c>id</c> holds the vector of the word with that id, row 0 (the pad) is
/// exactly zero, and missing words are filled as <see cref="Oov"/> says. With <see cref="OovHandling.SharedOovRow"/>
/// the table has one more row and <see cref="IdMap"/> sends missing words' ids to it.
/// </summary>
public sealed class AlignedVectors
{
    internal AlignedVectors(float[] table, int rows, int dimension, OovHandling oov, int[] idMap, CoverageReport coverage)
    {
        Values = table;
        Rows = rows;
        Dimension = dimension;
        Oov = oov;
        IdMap = idMap;
        Coverage = coverage;
    }

    /// <summary>The table, row after row (<see cref="Rows"/> x <see cref="Dimension"/>).</summary>
    public float[] Values { get; }
    public int Rows { get; }
    public int Dimension { get; }
    public OovHandling Oov { get; }
    public CoverageReport Coverage { get; }

    /// <summary>Vocabulary id -> table row: the identity, except missing words under <see cref="OovHandling.SharedOovRow"/>.</summary>
    public IReadOnlyList<int> IdMap { get; }

    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * Dimension, Dimension);

    /// <summary>A table taken from a model (say, after fine-tuning), to save as a shared table: ids map to themselves.</summary>
    public static AlignedVectors FromTable(Tensor table)
    {
        TensorChecks.Rank(table, 2, nameof(table), "table (rows, dim)");
        TensorChecks.FloatingPoint(table, nameof(table));
        using var values = table.detach().cpu().to(ScalarType.Float32).contiguous();
        return FromValues(values.data<float>().ToArray(), (int)table.shape[0], (int)table.shape[1]);
    }

    /// <summary>A table given as numbers (no file, no vocabulary): ids map to themselves and coverage is not known.</summary>
    internal static AlignedVectors FromValues(float[] values, int rows, int dimension) =>
        new(values, rows, dimension, OovHandling.ZeroVector, Enumerable.Range(0, rows).ToArray(), new CoverageReport(rows - 1, 0, 1, []));

    /// <summary>Ids of a document mapped to table rows.</summary>
    public int[] MapIds(IEnumerable<int> ids) => ids.Select(id => id >= 0 && id < IdMap.Count
        ? IdMap[id]
        : throw new ArgumentOutOfRangeException(nameof(ids), $"Id {id} is outside the aligned vocabulary (ids 0 to {IdMap.Count - 1}).")).ToArray();
}

public static class VectorAlignment
{
    const float SmallLimit = 0.05f;

    /// <summary>Aligns <paramref name="vectors"/> to <paramref name="vocabulary"/> (ids below its <see cref="Vocabulary.Size"/>).</summary>
    /// <param name="lookup">How a vocabulary word is looked up in the vectors, e.g. lowercased for GloVe 6B; null looks it up as it is.</param>
    public static AlignedVectors Align(WordVectors vectors, Vocabulary vocabulary, OovHandling oov, int seed = 0, Func<string, string>? lookup = null)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (!Enum.IsDefined(oov))
            throw new ArgumentOutOfRangeException(nameof(oov), $"Unknown OovHandling {oov}.");
        int size = vocabulary.Size, dim = vectors.Dimension;
        int rows = oov == OovHandling.SharedOovRow ? size + 1 : size;
        var table = new float[rows * dim];
        var idMap = Enumerable.Range(0, size).ToArray();
        var random = new Random(seed);
        float[]? mean = oov == OovHandling.MeanVector ? Mean(vectors) : null;
        var labels = vocabulary.Labels;
        var missing = new List<(string Word, int Count)>();
        int found = 0;
        long tokens = 0, covered = 0;
        for (int id = 1; id < size; id++)
        {
            string word = labels[id];
            if (word == vocabulary.OovToken || !vocabulary.WordIndex.ContainsKey(word))
                continue;   // the OOV token and unused ids below a cap have no word of their own
            int count = vocabulary.Counts.GetValueOrDefault(word);
            tokens += count;
            var target = table.AsSpan(id * dim, dim);
            if (vectors.TryGetRow(lookup is null ? word : lookup(word), out int row))
            {
                vectors.Row(row).CopyTo(target);
                found++;
                covered += count;
                continue;
            }
            missing.Add((word, count));
            switch (oov)
            {
                case OovHandling.SmallRandom:
                    Fill(target, random);
                    break;
                case OovHandling.MeanVector:
                    mean.AsSpan().CopyTo(target);
                    break;
                case OovHandling.SharedOovRow:
                    idMap[id] = size;
                    break;
            }
        }
        // The OOV token's own row (unknown words at encoding time) is treated as a missing word's.
        if (vocabulary.OovId is { } oovId && oovId < size)
        {
            if (oov == OovHandling.SmallRandom)
                Fill(table.AsSpan(oovId * dim, dim), random);
            else if (oov == OovHandling.MeanVector)
                mean.AsSpan().CopyTo(table.AsSpan(oovId * dim, dim));
            else if (oov == OovHandling.SharedOovRow)
                idMap[oovId] = size;
        }
        if (oov == OovHandling.SharedOovRow)
            Fill(table.AsSpan(size * dim, dim), random);
        var coverage = new CoverageReport(found, missing.Count, tokens == 0 ? 0 : (double)covered / tokens,
            missing.OrderByDescending(m => m.Count).Take(20).ToList());
        return new AlignedVectors(table, rows, dim, oov, idMap, coverage);
    }

    static void Fill(Span<float> row, Random random)
    {
        for (int i = 0; i < row.Length; i++)
            row[i] = (float)(random.NextDouble() * 2 - 1) * SmallLimit;
    }

    static float[] Mean(WordVectors vectors)
    {
        var sum = new double[vectors.Dimension];
        for (int r = 0; r < vectors.Count; r++)
        {
            var row = vectors.Row(r);
            for (int d = 0; d < sum.Length; d++)
                sum[d] += row[d];
        }
        return sum.Select(s => (float)(s / vectors.Count)).ToArray();
    }
}
