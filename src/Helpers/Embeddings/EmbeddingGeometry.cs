namespace NotebookCourse.Helpers.Embeddings;

/// <summary>Distances between rows of an embedding table, to check which words ended up close.</summary>
public static class EmbeddingGeometry
{
    /// <summary>Mean Euclidean distance over pairs (a, b) with a from <paramref name="first"/> and b from <paramref name="second"/>, a != b.</summary>
    public static double MeanDistance(IReadOnlyList<float[]> rows, IEnumerable<int> first, IEnumerable<int> second)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var pairs = (from a in first from b in second where a != b select (a, b)).ToList();
        if (pairs.Count == 0)
            throw new ArgumentException("The two groups form no pair of distinct rows.", nameof(second));
        foreach (var (a, b) in pairs)
            if (a < 0 || a >= rows.Count || b < 0 || b >= rows.Count)
                throw new ArgumentOutOfRangeException(nameof(first), $"Row {(a < 0 || a >= rows.Count ? a : b)} is outside the table (rows 0 to {rows.Count - 1}).");
        return pairs.Average(p => Math.Sqrt(rows[p.a].Zip(rows[p.b], (x, y) => (double)(x - y) * (x - y)).Sum()));
    }

    /// <summary>Mean distance within groups divided by mean distance between groups; below 1 means the groups cluster.</summary>
    public static double WithinToBetweenRatio(IReadOnlyList<float[]> rows, IReadOnlyList<IReadOnlyList<int>> groups)
    {
        if (groups.Count < 2)
            throw new ArgumentException($"Need at least two groups, got {groups.Count}.", nameof(groups));
        double within = groups.Average(g => MeanDistance(rows, g, g));
        double between = (from i in Enumerable.Range(0, groups.Count) from j in Enumerable.Range(0, groups.Count) where i < j select MeanDistance(rows, groups[i], groups[j])).Average();
        return within / between;
    }
}
