using NotebookCourse.Helpers.Plots.Figures;

namespace NotebookCourse.Helpers.Plots;

/// <summary>A 2-D embedding table drawn as labelled points, and its movement over training.</summary>
public static class EmbeddingScatter
{
    /// <summary>One labelled point per row of a (vocabulary, 2) table given as rows of two numbers.</summary>
    public static HtmlChart Plot(IReadOnlyList<float[]> points, IReadOnlyList<string> labels, IReadOnlyList<string>? groups = null) =>
        new(new FigureSpec { XTitle = "d0", YTitle = "d1", Traces = [.. PointTraces(points, labels, groups)] });

    /// <summary>Each word's path through the snapshots (one per epoch), labelled at its final position.</summary>
    public static HtmlChart Trajectory(IReadOnlyList<IReadOnlyList<float[]>> snapshots, IReadOnlyList<string> labels, IReadOnlyList<string>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        if (snapshots.Count == 0)
            throw new ArgumentException("snapshots must hold at least one table.", nameof(snapshots));
        foreach (var snapshot in snapshots)
            Check(snapshot, labels);
        var paths = Enumerable.Range(0, labels.Count).Select(r => new TraceSpec
        {
            Kind = TraceKind.Line,
            Name = labels[r],
            X = snapshots.Select(s => (double)s[r][0]).ToArray(),
            Y = snapshots.Select(s => (double)s[r][1]).ToArray(),
            ShowLegend = false,
            Opacity = 0.4,
        });
        return new(new FigureSpec { XTitle = "d0", YTitle = "d1", Traces = [.. paths, .. PointTraces(snapshots[^1], labels, groups)] });
    }

    static IEnumerable<TraceSpec> PointTraces(IReadOnlyList<float[]> points, IReadOnlyList<string> labels, IReadOnlyList<string>? groups)
    {
        Check(points, labels);
        return Groups(labels.Count, groups).Select(g => new TraceSpec
        {
            Kind = TraceKind.Markers,
            Name = g.Name,
            X = g.Rows.Select(r => (double)points[r][0]).ToArray(),
            Y = g.Rows.Select(r => (double)points[r][1]).ToArray(),
            Text = g.Rows.Select(r => labels[r]).ToArray(),
        }).ToList();
    }

    static void Check(IReadOnlyList<float[]> points, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(labels);
        if (points.Count != labels.Count)
            throw new ArgumentException($"Need one label per point: {points.Count} points, {labels.Count} labels.", nameof(labels));
        if (points.Any(p => p.Length != 2))
            throw new ArgumentException($"Points must be 2-D; found a point with {points.First(p => p.Length != 2).Length} values.", nameof(points));
    }

    static IEnumerable<(string Name, int[] Rows)> Groups(int count, IReadOnlyList<string>? groups)
    {
        if (groups is null)
            return [("words", Enumerable.Range(0, count).ToArray())];
        if (groups.Count != count)
            throw new ArgumentException($"Need one group per point: {count} points, {groups.Count} groups.", nameof(groups));
        return Enumerable.Range(0, count).GroupBy(i => groups[i]).Select(g => (g.Key, g.ToArray()));
    }
}
