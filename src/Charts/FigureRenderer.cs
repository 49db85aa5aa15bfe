using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.FSharp.Core;
using NotebookCourse.Helpers.Plots.Figures;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using Chart = Plotly.NET.CSharp.Chart;
using Plotly.NET.CSharp;

namespace NotebookCourse.Charts;

/// <summary>Entry point called across the load-context boundary: strings in, HTML out.</summary>
public static class FigureRenderer
{
    static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// The HTML fragment (a div and its script) that draws the figure given as JSON. With
    /// <paramref name="loadPlotlyJs"/> the script loads plotly.js from its CDN through require.js, as
    /// Plotly.NET.Interactive does in Polyglot; without it, the page must hold plotly.js already (<see cref="PlotlyJs"/>).
    /// </summary>
    public static string Render(string figureJson, bool loadPlotlyJs)
    {
        var figure = JsonSerializer.Deserialize<FigureSpec>(figureJson, Json)
                     ?? throw new ArgumentException("The figure JSON is empty.", nameof(figureJson));
        var reference = loadPlotlyJs
            ? PlotlyJSReference.NewRequire($"https://cdn.plot.ly/plotly-{Globals.PLOTLYJS_VERSION}.min")
            : PlotlyJSReference.NoReference;
        var chart = Plotly.NET.Chart.withDisplayOptions(DisplayOptions.init(null, null, null, null, null, null, reference)).Invoke(Build(figure));
        return GenericChart.toChartHTML(chart);
    }

    /// <summary>
    /// The figure as plotly.js takes it (<c>{"data": [...], "layout": {...}}</c>), which Jupyter front ends and the
    /// course site draw from the <c>application/vnd.plotly.v1+json</c> output.
    /// </summary>
    public static string FigureJson(string figureJson)
    {
        var figure = JsonSerializer.Deserialize<FigureSpec>(figureJson, Json)
                     ?? throw new ArgumentException("The figure JSON is empty.", nameof(figureJson));
        return GenericChart.toFigureJson(Build(figure));
    }

    /// <summary>plotly.js itself (minified), as Plotly.NET ships it, for pages that must work offline.</summary>
    public static string PlotlyJs()
    {
        var assembly = typeof(GenericChart).Assembly;
        string name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".min.js", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }

    static GenericChart Build(FigureSpec figure)
    {
        if (figure.Traces.Length == 0)
            throw new ArgumentException("A figure needs at least one trace.", nameof(figure));
        var chart = Chart.Combine(figure.Traces.Select(Trace));
        if (figure.XTitle is not null || figure.XLog)
            chart = chart.WithXAxisStyle<double, double, string>(TitleText: figure.XTitle ?? "",
                AxisType: figure.XLog ? new Optional<StyleParam.AxisType>(StyleParam.AxisType.Log, true) : default);
        if (figure.YTitle is not null)
            chart = chart.WithYAxisStyle<double, double, string>(TitleText: figure.YTitle);
        if (figure.Title is not null)
            chart = Plotly.NET.Chart.withTitle(figure.Title, null).Invoke(chart);
        if (figure.Width is not null || figure.Height is not null)
            chart = Plotly.NET.Chart.withSize(Option(figure.Width), Option(figure.Height)).Invoke(chart);
        return chart;
    }

    static GenericChart Trace(TraceSpec trace) => trace.Kind switch
    {
        TraceKind.Line => Chart.Line<double, double, string>(Need(trace.X, "X", trace), Need(trace.Y, "Y", trace),
            ShowMarkers: trace.ShowMarkers, Name: trace.Name ?? "", ShowLegend: trace.ShowLegend, Opacity: trace.Opacity,
            LineColor: ColorOf(trace), MarkerColor: ColorOf(trace)),
        TraceKind.Markers => Chart.Scatter<double, double, string>(Need(trace.X, "X", trace), Need(trace.Y, "Y", trace),
            trace.Text is null ? StyleParam.Mode.Markers : StyleParam.Mode.Markers_Text,
            Name: trace.Name ?? "", ShowLegend: trace.ShowLegend, Opacity: trace.Opacity, MarkerColor: ColorOf(trace),
            MultiText: trace.Text is null ? default : new Optional<IEnumerable<string>>(trace.Text, true),
            TextPosition: StyleParam.TextPosition.TopCenter),
        TraceKind.Bar => Chart.Column<double, string, string>(Need(trace.Y, "Y", trace),
            Keys: new Optional<IEnumerable<string>>(Need(trace.Categories, "Categories", trace), true),
            Name: trace.Name ?? "", ShowLegend: trace.ShowLegend, Opacity: trace.Opacity),
        TraceKind.Heatmap => Chart.Heatmap<double, string, string, string>(Need(trace.Z, "Z", trace),
            X: new Optional<IEnumerable<string>>(Need(trace.Categories, "Categories", trace), true),
            Y: new Optional<IEnumerable<string>>(Need(trace.RowLabels, "RowLabels", trace), true),
            Name: trace.Name ?? "", ShowLegend: false),  // its colour bar is the legend
        _ => throw new ArgumentException($"Unknown trace kind '{trace.Kind}'."),
    };

    static Optional<Color> ColorOf(TraceSpec trace) => trace.Color is null ? default : new Optional<Color>(Color.fromString(trace.Color), true);

    static FSharpOption<int>? Option(int? value) => value is { } v ? FSharpOption<int>.Some(v) : null;

    static T Need<T>(T? value, string field, TraceSpec trace) where T : class =>
        value ?? throw new ArgumentException($"A {trace.Kind} trace needs {field}; trace '{trace.Name}' has none.");
}
