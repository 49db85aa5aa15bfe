using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace NotebookCourse.Helpers.Plots;

/// <summary>A 2-D embedding table drawn as labelled points, and its movement over training.</summary>
public static class EmbeddingScatter
{
    /// <summary>One labelled point per row of a (vocabulary, 2) table given as rows of two numbers.</summary>
    public static GenericChart Plot(IReadOnlyList<float[]> points, IReadOnlyList<string> labels, IReadOnlyList<string>? groups = null)
    {
        Check(points, labels);
        var traces = Groups(labels.Count, groups).Select(g => Chart.Scatter<float, float, string>(
            g.Rows.Select(r => points[r][0]), g.Rows.Select(r => points[r][1]), StyleParam.Mode.Markers_Text,
            Name: g.Name, MultiText: new Optional<IEnumerable<string>>(g.Rows.Select(r => labels[r]).ToArray(), true), TextPosition: StyleParam.TextPosition.TopCenter));
        return Chart.Combine(traces).WithXAxisStyle<float, float, string>(TitleText: "d0").WithYAxisStyle<float, float, string>(TitleText: "d1");
    }

    /// <summary>Each word's path through the snapshots (one per epoch), labelled at its final position.</summary>
    public static GenericChart Trajectory(IReadOnlyList<IReadOnlyList<float[]>> snapshots, IReadOnlyList<string> labels, IReadOnlyList<string>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        if (snapshots.Count == 0)
            throw new ArgumentException("snapshots must hold at least one table.", nameof(snapshots));
        foreach (var snapshot in snapshots)
            Check(snapshot, labels);
        var traces = new List<GenericChart>();
        for (int row = 0; row < labels.Count; row++)
        {
            int r = row;
            traces.Add(Chart.Line<float, float, string>(snapshots.Select(s => s[r][0]), snapshots.Select(s => s[r][1]),
                Name: labels[r], ShowLegend: false, Opacity: 0.4));
        }
        traces.Add(Plot(snapshots[^1], labels, groups));
        return Chart.Combine(traces);
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
