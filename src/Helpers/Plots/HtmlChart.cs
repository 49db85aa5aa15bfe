using System.ComponentModel;
using NotebookCourse.Helpers.Display;
using NotebookCourse.Helpers.Plots.Figures;

namespace NotebookCourse.Helpers.Plots;

/// <summary>
/// A chart drawn by Plotly.NET, held as HTML. Polyglot Notebooks and <c>course run</c> show it as a chart
/// (a <c>text/html</c> output) through the formatter convention below, so a notebook needs no chart package
/// of its own; the HTML can also be written to a file or a page.
/// </summary>
[TypeFormatterSource(typeof(HtmlChartFormatterSource))]
public sealed class HtmlChart
{
    public HtmlChart(FigureSpec figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        if (figure.Traces.Length == 0)
            throw new ArgumentException("A chart needs at least one trace.", nameof(figure));
        Figure = figure;
        Html = ChartRendering.Render(figure, loadPlotlyJs: true);
    }

    /// <summary>What is drawn: traces, axes and titles.</summary>
    public FigureSpec Figure { get; }

    /// <summary>A div and its script, which loads plotly.js from its CDN as Plotly.NET.Interactive does in Polyglot.</summary>
    public string Html { get; }

    /// <summary>The figure as plotly.js draws it: <c>{"data": [...], "layout": {...}}</c> (the <see cref="PlotlyMimeType"/> output).</summary>
    public string PlotlyJson => plotlyJson ??= ChartRendering.PlotlyFigureJson(Figure);

    /// <summary>Jupyter's mime type for a plotly figure; the headless runner writes it beside text/html, and the course site draws from it.</summary>
    public const string PlotlyMimeType = "application/vnd.plotly.v1+json";

    string? plotlyJson;

    /// <summary>A div and its script for a page that already holds plotly.js (<see cref="ChartRendering.PlotlyJs"/>).</summary>
    public string HtmlWithoutPlotlyJs() => ChartRendering.Render(Figure, loadPlotlyJs: false);

    /// <summary>A whole HTML page holding the chart and plotly.js itself, so it opens offline.</summary>
    public void SavePage(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string title = System.Net.WebUtility.HtmlEncode(Figure.Title ?? "chart");
        File.WriteAllText(path,
            $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title>\n<script>{ChartRendering.PlotlyJs}</script>\n</head><body>\n{HtmlWithoutPlotlyJs()}\n</body></html>\n");
    }

    public override string ToString()
    {
        var names = Figure.Traces.Select(t => t.Name).Where(n => !string.IsNullOrEmpty(n)).Distinct().ToList();
        string traces = $"{Figure.Traces.Length} trace{(Figure.Traces.Length == 1 ? "" : "s")}";
        return $"chart{(Figure.Title is null ? "" : $" '{Figure.Title}'")}: {traces}{(names.Count == 0 ? "" : $" ({string.Join(", ", names.Take(8))}{(names.Count > 8 ? ", ..." : "")})")}";
    }
}

/// <summary>Gives the HTML formatter of <see cref="HtmlChart"/> and its plain-text summary.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class HtmlChartFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
        [new HtmlChartFormatter("text/html"), new HtmlChartFormatter("text/plain"), new HtmlChartFormatter(HtmlChart.PlotlyMimeType)];
}

/// <summary>Writes a chart as its HTML, its one-line summary for text/plain, or its plotly.js figure JSON.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class HtmlChartFormatter(string mimeType)
{
    public string MimeType { get; } = mimeType;

    public Type Type => typeof(HtmlChart);

    public bool Format(object instance, TextWriter writer)
    {
        if (instance is not HtmlChart chart)
            return false;
        writer.Write(MimeType switch
        {
            "text/html" => chart.Html,
            HtmlChart.PlotlyMimeType => chart.PlotlyJson,
            _ => chart.ToString(),
        });
        return true;
    }
}
