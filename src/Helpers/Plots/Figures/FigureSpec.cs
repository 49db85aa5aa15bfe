namespace NotebookCourse.Helpers.Plots.Figures;

// Compiled into the library and into NotebookCourse.Charts: the figure crosses between them as JSON, because
// Plotly.NET runs in its own load context (it needs a newer FSharp.Core than Polyglot's kernel holds).

/// <summary>What a trace draws.</summary>
public enum TraceKind
{
    /// <summary>Points joined by lines (x and y numeric).</summary>
    Line,
    /// <summary>Points, optionally labelled with <see cref="TraceSpec.Text"/>.</summary>
    Markers,
    /// <summary>Bars: one per category in <see cref="TraceSpec.Categories"/>, heights in <see cref="TraceSpec.Y"/>.</summary>
    Bar,
    /// <summary>A matrix of values <see cref="TraceSpec.Z"/>, columns labelled by <see cref="TraceSpec.Categories"/>, rows by <see cref="TraceSpec.RowLabels"/>.</summary>
    Heatmap,
}

/// <summary>One trace of a figure; which fields are used depends on <see cref="Kind"/>.</summary>
public sealed record TraceSpec
{
    public TraceKind Kind { get; init; }
    public string? Name { get; init; }
    public double[]? X { get; init; }
    public double[]? Y { get; init; }
    public string[]? Categories { get; init; }
    public string[]? RowLabels { get; init; }
    public double[][]? Z { get; init; }
    public string[]? Text { get; init; }
    public bool ShowMarkers { get; init; }
    public bool ShowLegend { get; init; } = true;
    public double Opacity { get; init; } = 1.0;

    /// <summary>A CSS colour (e.g. "#636efa") for the trace's line and markers; null takes the next of plotly's palette.</summary>
    public string? Color { get; init; }
}

/// <summary>A whole figure: traces on one pair of axes, with titles.</summary>
public sealed record FigureSpec
{
    public string? Title { get; init; }
    public string? XTitle { get; init; }
    public string? YTitle { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }

    /// <summary>A logarithmic x axis, for values that span orders of magnitude.</summary>
    public bool XLog { get; init; }

    public TraceSpec[] Traces { get; init; } = [];
}
