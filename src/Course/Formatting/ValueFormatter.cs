using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;
using Microsoft.Data.Analysis;
using NotebookCourse.Helpers.Display;
using TextForm = NotebookCourse.Helpers.Display.PlainText;

namespace NotebookCourse.Course.Formatting;

/// <summary>
/// Turns a cell's value into an nbformat mime bundle: always <c>text/plain</c>; <c>text/html</c> too for
/// types that name a formatter by .NET Interactive's convention (the course's charts), DataFrames and HTML content.
/// </summary>
public static class ValueFormatter
{
    public const string PlotlyMimeType = "application/vnd.plotly.v1+json";
    public static JsonObject Format(object? value)
    {
        var data = new JsonObject { ["text/plain"] = PlainText(value) };
        string? html = value switch
        {
            _ when FormatterConvention.TryFormat(value, "text/html") is { } formatted => formatted,
            DataFrame frame => DataFrameHtml(frame),
            IHtmlContent content => HtmlOf(content),
            _ => null,
        };
        if (html is not null)
            data["text/html"] = html;
        // Charts also carry their figure as data, which JupyterLab and the course site draw without a CDN.
        if (FormatterConvention.TryFormat(value, PlotlyMimeType) is { } figure && JsonNode.Parse(figure) is JsonObject parsed)
            data[PlotlyMimeType] = parsed;
        return data;
    }

    /// <summary>The text/plain form; HTML content as its markup.</summary>
    public static string PlainText(object? value) => value is IHtmlContent content ? HtmlOf(content) : TextForm.Of(value);

    static string HtmlOf(IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    static string DataFrameHtml(DataFrame frame)
    {
        var html = new StringBuilder("<table>\n<thead><tr><th></th>");
        foreach (var column in frame.Columns)
            html.Append("<th>").Append(WebUtility.HtmlEncode(column.Name)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        long rows = Math.Min(frame.Rows.Count, TextForm.MaxRowsShown);
        for (long r = 0; r < rows; r++)
        {
            html.Append("<tr><td>").Append(r).Append("</td>");
            foreach (var column in frame.Columns)
                html.Append("<td>").Append(WebUtility.HtmlEncode(TextForm.CellText(column[r]))).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>");
        if (frame.Rows.Count > TextForm.MaxRowsShown)
            html.Append($"\n<p>{TextForm.MaxRowsShown} of {frame.Rows.Count} rows shown</p>");
        return html.ToString();
    }
}
