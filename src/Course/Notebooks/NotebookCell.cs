using System.Text.Json.Nodes;

namespace NotebookCourse.Course.Notebooks;

/// <summary>One cell of a <see cref="Notebook"/>, a view over its JSON.</summary>
public sealed class NotebookCell(JsonObject json)
{
    public JsonObject Json { get; } = json;

    public string CellType => Json["cell_type"]!.GetValue<string>();
    public bool IsCode => CellType == "code";

    /// <summary>The cell's text; nbformat allows a string or a list of lines.</summary>
    public string Source => Json["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
        JsonValue text => text.GetValue<string>(),
        _ => "",
    };

    public IReadOnlyList<string> Tags =>
        Json["metadata"]?["tags"] is JsonArray tags ? tags.Select(t => t?.GetValue<string>() ?? "").ToList() : [];

    /// <summary>The Polyglot kernel named in the cell's metadata, if any.</summary>
    public string? KernelName =>
        Json["metadata"]?["polyglot_notebook"]?["kernelName"]?.GetValue<string>()
        ?? Json["metadata"]?["dotnet_interactive"]?["language"]?.GetValue<string>();

    public void SetOutputs(IEnumerable<JsonObject> outputs, int? executionCount)
    {
        Json["outputs"] = new JsonArray(outputs.Select(o => (JsonNode)o.DeepClone()).ToArray());
        Json["execution_count"] = executionCount;
    }

    public static NotebookCell NewCode(string source, IEnumerable<string> tags) => new(new JsonObject
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["metadata"] = new JsonObject
        {
            ["tags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray()),
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
        },
        ["outputs"] = new JsonArray(),
        ["source"] = SplitLines(source),
    });

    /// <summary>nbformat's customary form: a list of lines, each but the last ending in a newline.</summary>
    public static JsonArray SplitLines(string text)
    {
        var lines = new JsonArray();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }
        if (start < text.Length)
            lines.Add(text[start..]);
        return lines;
    }
}
