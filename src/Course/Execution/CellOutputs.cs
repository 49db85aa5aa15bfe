using System.Text;
using System.Text.Json.Nodes;

namespace NotebookCourse.Course.Execution;

/// <summary>
/// The outputs of one executed cell, in nbformat 4 form, in the order they were produced. Console text is also
/// copied to <paramref name="echo"/> as it arrives, so a long headless run shows its progress (epochs) live.
/// </summary>
public sealed class CellOutputs(TextWriter? echo = null)
{
    readonly List<JsonObject> outputs = [];
    readonly Lock gate = new();

    public IReadOnlyList<JsonObject> Snapshot()
    {
        lock (gate)
            return [.. outputs.Select(o => (JsonObject)o.DeepClone())];
    }

    /// <summary>Appends console text; consecutive writes to one stream share an output, as Jupyter shows them.</summary>
    public void AppendStream(string name, string text)
    {
        if (text.Length == 0)
            return;
        echo?.Write(text);
        lock (gate)
        {
            if (outputs.Count > 0 && outputs[^1]["output_type"]?.GetValue<string>() == "stream" && outputs[^1]["name"]?.GetValue<string>() == name)
                outputs[^1]["text"] = outputs[^1]["text"]!.GetValue<string>() + text;
            else
                outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = text });
        }
    }

    /// <summary>Adds a display_data output and returns it, so a display handle can update it later.</summary>
    public JsonObject AddDisplay(JsonObject data)
    {
        // No display_id: it is "transient" in Jupyter's protocol and not part of the saved notebook.
        var output = new JsonObject { ["output_type"] = "display_data", ["data"] = data, ["metadata"] = new JsonObject() };
        lock (gate)
            outputs.Add(output);
        return output;
    }

    public void ReplaceDisplayData(JsonObject output, JsonObject data)
    {
        lock (gate)
            output["data"] = data;
    }

    public void AddResult(JsonObject data, int executionCount)
    {
        lock (gate)
            outputs.Add(new JsonObject { ["output_type"] = "execute_result", ["data"] = data, ["metadata"] = new JsonObject(), ["execution_count"] = executionCount });
    }

    public void AddError(string name, string message, IEnumerable<string> traceback)
    {
        lock (gate)
            outputs.Add(new JsonObject { ["output_type"] = "error", ["ename"] = name, ["evalue"] = message, ["traceback"] = new JsonArray(traceback.Select(t => (JsonNode)t).ToArray()) });
    }
}

/// <summary>Console.Out or Console.Error while a cell runs.</summary>
sealed class CellConsoleWriter(CellOutputs outputs, string stream) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;
    public override void Write(char value) => outputs.AppendStream(stream, value.ToString());
    public override void Write(string? value) => outputs.AppendStream(stream, value ?? "");
    public override void Write(char[] buffer, int index, int count) => outputs.AppendStream(stream, new string(buffer, index, count));
}
