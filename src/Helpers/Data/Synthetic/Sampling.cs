namespace NotebookCourse.Helpers.Data.Synthetic;

/// <summary>The random draws the synthetic corpora share, all from a seeded <see cref="Random"/>.</summary>
internal static class Sampling
{
    /// <summary>Cumulative shares of <paramref name="weights"/>, for <see cref="Draw"/>.</summary>
    public static double[] Cumulative(IEnumerable<double> weights)
    {
        var list = weights.ToArray();
        double total = list.Sum(), running = 0;
        return list.Select(w => running += w / total).ToArray();
    }

    /// <summary>Zipf weights 1 / r^s for ranks 1 to <paramref name="count"/>, cumulative.</summary>
    public static double[] Zipf(int count, double exponent) => Cumulative(Enumerable.Range(1, count).Select(r => 1.0 / Math.Pow(r, exponent)));

    /// <summary>An index drawn with the probabilities <paramref name="cumulative"/> describes.</summary>
    public static int Draw(Random random, double[] cumulative)
    {
        int index = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }

    /// <summary>A log-normal length around <paramref name="median"/>, clamped: a few documents are many times longer.</summary>
    public static int LogNormalLength(Random random, int median, double spread, int min, int max)
    {
        return (int)Math.Clamp(Math.Round(median * Math.Exp(spread * Normal(random))), min, max);
    }

    /// <summary>A standard normal draw (Box-Muller).</summary>
    public static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
