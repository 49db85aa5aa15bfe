using NotebookCourse.Helpers.Experiments;
using NotebookCourse.Helpers.Plots.Figures;

namespace NotebookCourse.Helpers.Plots;

/// <summary>Validation accuracy against the number of training labels: a line through each design's mean, a dot per seed.</summary>
public static class LabelBudgetCurves
{
    public static HtmlChart Plot(IEnumerable<BudgetPoint> points) => new(Figure(points));

    public static FigureSpec Figure(IEnumerable<BudgetPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var list = points.ToList();
        if (list.Count == 0)
            throw new ArgumentException("Need at least one budget point to plot.", nameof(points));
        var traces = new List<TraceSpec>();
        foreach (var design in list.GroupBy(p => p.Design))
        {
            string color = Palette[(int)design.Key % Palette.Length];
            var ordered = design.OrderBy(p => p.Labels).ToList();
            string name = PretrainedComparison.Name(design.Key);
            traces.Add(new TraceSpec { Kind = TraceKind.Line, Name = name, X = ordered.Select(p => (double)p.Labels).ToArray(), Y = ordered.Select(p => p.Mean).ToArray(), ShowMarkers = true, Color = color });
            traces.Add(new TraceSpec
            {
                Kind = TraceKind.Markers, Name = $"{name}, each seed", ShowLegend = false, Opacity = 0.4, Color = color,
                X = ordered.SelectMany(p => p.Accuracies.Select(_ => (double)p.Labels)).ToArray(),
                Y = ordered.SelectMany(p => p.Accuracies).ToArray(),
            });
        }
        return new FigureSpec { XTitle = "training labels (log scale)", YTitle = "validation accuracy", XLog = true, Traces = [.. traces] };
    }

    // One colour per design, in every chart (plotly's default palette).
    static readonly string[] Palette = ["#636efa", "#ef553b", "#00cc96", "#ab63fa", "#ffa15a"];
}
