using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;
using NotebookCourse.Course.Formatting;

namespace NotebookCourse.Course.Execution;

/// <summary>What Polyglot's <c>display(...)</c> returns: a handle whose <see cref="Update"/> replaces the shown value.</summary>
public sealed class DisplayedValue
{
    readonly CellOutputs outputs;
    readonly JsonObject output;

    internal DisplayedValue(CellOutputs outputs, JsonObject output)
    {
        this.outputs = outputs;
        this.output = output;
    }

    public void Update(object? value) => outputs.ReplaceDisplayData(output, ValueFormatter.Format(value));
}

/// <summary>
/// The members every cell sees unqualified, matching Polyglot's C# kernel: <c>display</c> and <c>HTML</c>.
/// </summary>
public sealed class CellGlobals
{
    internal CellOutputs Outputs { get; set; } = new();

    /// <summary>Shows a value below the cell; the handle can replace it later (live progress).</summary>
    public DisplayedValue display(object? value, params string[] mimeTypes)
    {
        var data = ValueFormatter.Format(value);
        if (mimeTypes.Length > 0)
        {
            foreach (var key in data.Select(p => p.Key).Where(k => k != "text/plain" && !mimeTypes.Contains(k)).ToList())
                data.Remove(key);
        }
        return new DisplayedValue(Outputs, Outputs.AddDisplay(data));
    }

    /// <summary>Raw HTML to display, as Polyglot's <c>HTML("...")</c>.</summary>
    public IHtmlContent HTML(string html) => new HtmlString(html);
}
