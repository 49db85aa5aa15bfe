using NotebookCourse.Helpers.Experiments;
using NotebookCourse.Helpers.Plots.Figures;

namespace NotebookCourse.Helpers.Plots;

/// <summary>Micro and macro F1 of each pooling on test data, as grouped bars.</summary>
public static class PoolingScoresChart
{
    public static HtmlChart Plot(IEnumerable<PoolingRun> runs) => new(Figure(runs));

    public static FigureSpec Figure(IEnumerable<PoolingRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var list = runs.ToList();
        if (list.Count == 0)
            throw new ArgumentException("Need at least one run to plot.", nameof(runs));
        var names = list.Select(r => r.Pooling.ToString()).ToArray();
        return new FigureSpec
        {
            XTitle = "pooling of the compared field",
            YTitle = "test F1 (threshold chosen on validation)",
            Traces =
            [
                new TraceSpec { Kind = TraceKind.Bar, Name = "micro F1", Categories = names, Y = list.Select(r => r.Test.MicroF1).ToArray() },
                new TraceSpec { Kind = TraceKind.Bar, Name = "macro F1", Categories = names, Y = list.Select(r => r.Test.MacroF1).ToArray() },
            ],
        };
    }

    /// <summary>Micro F1 of each pooling per length quartile of the pooled field: a line per pooling.</summary>
    public static HtmlChart ByLength(IEnumerable<LengthQuartileScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var list = scores.ToList();
        if (list.Count == 0)
            throw new ArgumentException("Need at least one quartile score to plot.", nameof(scores));
        return new(new FigureSpec
        {
            XTitle = "length quartile of the pooled field (1 = shortest)",
            YTitle = "test micro F1",
            Traces = list.GroupBy(s => s.Pooling).Select(g => new TraceSpec
            {
                Kind = TraceKind.Line, Name = g.Key.ToString(), ShowMarkers = true,
                X = g.OrderBy(s => s.Quartile).Select(s => (double)s.Quartile).ToArray(),
                Y = g.OrderBy(s => s.Quartile).Select(s => s.MicroF1).ToArray(),
            }).ToArray(),
        });
    }
}
