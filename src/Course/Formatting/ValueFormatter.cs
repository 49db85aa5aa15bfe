using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;
using Microsoft.Data.Analysis;

namespace NotebookCourse.Course.Formatting;

/// <summary>
/// Turns a cell's value into an nbformat mime bundle: always <c>text/plain</c>; <c>text/html</c> too for
/// types that name a formatter by .NET Interactive's convention (the course's charts), DataFrames and HTML content.
/// </summary>
public static class ValueFormatter
{
    public const int MaxRowsShown = 50;
    const int MaxItemsShown = 100;

    public static JsonObject Format(object? value)
    {
        var data = new JsonObject { ["text/plain"] = PlainText(value) };
        string? html = value switch
        {
            _ when ConventionFormatters.TryFormat(value, "text/html") is { } formatted => formatted,
            DataFrame frame => DataFrameHtml(frame),
            IHtmlContent content => HtmlOf(content),
            _ => null,
        };
        if (html is not null)
            data["text/html"] = html;
        return data;
    }

    public static string PlainText(object? value) => value switch
    {
        null => "null",
        string text => text,
        _ when ConventionFormatters.TryFormat(value, "text/plain") is { } formatted => formatted,
        DataFrame frame => DataFrameText(frame),
        IHtmlContent content => HtmlOf(content),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ when IsTensor(value) => TensorText(value),
        IDictionary dictionary => "{" + string.Join(", ", Entries(dictionary).Take(MaxItemsShown).Select(e => $"{PlainText(e.Key)}: {PlainText(e.Value)}")) + (dictionary.Count > MaxItemsShown ? ", ..." : "") + "}",
        IEnumerable items when !HasOwnToString(value) => Sequence(items),
        _ => value.ToString() ?? "",
    };

    // A generic dictionary enumerates KeyValuePairs; its IDictionaryEnumerator gives entries for any dictionary.
    static IEnumerable<DictionaryEntry> Entries(IDictionary dictionary)
    {
        var enumerator = dictionary.GetEnumerator();
        while (enumerator.MoveNext())
            yield return enumerator.Entry;
    }

    static string Sequence(IEnumerable items)
    {
        var shown = items.Cast<object?>().Take(MaxItemsShown + 1).ToList();
        var parts = shown.Take(MaxItemsShown).Select(PlainText);
        return "[" + string.Join(", ", parts) + (shown.Count > MaxItemsShown ? ", ..." : "") + "]";
    }

    // Records and other types that print themselves well should not be shown as sequences.
    static bool HasOwnToString(object value) =>
        value.GetType().GetMethod("ToString", Type.EmptyTypes)?.DeclaringType is { } declaring
        && declaring != typeof(object) && !declaring.Namespace!.StartsWith("System", StringComparison.Ordinal);

    static string HtmlOf(IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    // DataFrame.ToString pads to a fixed width with no separator, so long numbers run together; align instead.
    static string DataFrameText(DataFrame frame)
    {
        long rows = Math.Min(frame.Rows.Count, MaxRowsShown);
        var columns = frame.Columns.Select(c => new[] { c.Name }.Concat(Enumerable.Range(0, (int)rows).Select(r => CellText(c[r]))).ToArray()).ToList();
        var widths = columns.Select(c => c.Max(v => v.Length)).ToList();
        var text = new StringBuilder($"DataFrame: {frame.Rows.Count} rows x {frame.Columns.Count} columns\n");
        for (int r = 0; r <= rows; r++)
            text.AppendLine(string.Join("  ", columns.Select((c, i) => c[r].PadLeft(widths[i]))).TrimEnd());
        if (frame.Rows.Count > MaxRowsShown)
            text.AppendLine($"({MaxRowsShown} of {frame.Rows.Count} rows shown)");
        return text.ToString();
    }

    static string CellText(object? value) => value switch
    {
        float f => f.ToString("G6", CultureInfo.InvariantCulture),
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        _ => PlainText(value),
    };

    static string DataFrameHtml(DataFrame frame)
    {
        var html = new StringBuilder("<table>\n<thead><tr><th></th>");
        foreach (var column in frame.Columns)
            html.Append("<th>").Append(WebUtility.HtmlEncode(column.Name)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        long rows = Math.Min(frame.Rows.Count, MaxRowsShown);
        for (long r = 0; r < rows; r++)
        {
            html.Append("<tr><td>").Append(r).Append("</td>");
            foreach (var column in frame.Columns)
                html.Append("<td>").Append(WebUtility.HtmlEncode(CellText(column[r]))).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>");
        if (frame.Rows.Count > MaxRowsShown)
            html.Append($"\n<p>{MaxRowsShown} of {frame.Rows.Count} rows shown</p>");
        return html.ToString();
    }

    // The runner does not reference TorchSharp (notebooks load their own copy), so tensors are
    // recognised by name and printed through their own ToString(TensorStringStyle, ...).
    const string TensorTypeName = "TorchSharp.torch+Tensor";

    static bool IsTensor(object value) => value.GetType().FullName == TensorTypeName;

    static string TensorText(object tensor)
    {
        var method = tensor.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(m => m.Name == "ToString" && m.GetParameters() is { Length: 5 } p && p[0].ParameterType.Name == "TensorStringStyle");
        if (method is null)
            return tensor.ToString() ?? "";
        var style = Enum.Parse(method.GetParameters()[0].ParameterType, "Julia");
        return (string)method.Invoke(tensor, [style, "g5", null, CultureInfo.InvariantCulture, "\n"])!;
    }
}
