using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookCourse.Course.Notebooks;

/// <summary>Thrown for a file that is not a readable nbformat 4 notebook.</summary>
public sealed class NotebookFormatException(string message) : Exception(message);

/// <summary>
/// An nbformat 4 notebook held as JSON, so that every field the runner does not know is written back
/// unchanged.
/// </summary>
public sealed class Notebook
{
    readonly JsonObject root;

    Notebook(JsonObject root, string path)
    {
        this.root = root;
        Path = path;
        Cells = ((JsonArray)root["cells"]!).Select(c => new NotebookCell((JsonObject)c!)).ToList();
    }

    public string Path { get; }
    public List<NotebookCell> Cells { get; }

    public static Notebook Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"No notebook at '{path}'.", path);
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException($"'{path}' is not valid JSON: {e.Message}");
        }
        if (parsed is not JsonObject root)
            throw new NotebookFormatException($"'{path}' is not a notebook: the top level is not a JSON object.");
        if (root["nbformat"]?.GetValueKind() != JsonValueKind.Number || root["nbformat"]!.GetValue<int>() != 4)
            throw new NotebookFormatException($"'{path}' has nbformat {root["nbformat"]?.ToJsonString() ?? "missing"}; expected 4.");
        if (root["cells"] is not JsonArray cells || cells.Any(c => c is not JsonObject cell || cell["cell_type"]?.GetValueKind() != JsonValueKind.String))
            throw new NotebookFormatException($"'{path}' has no valid 'cells' array (each cell needs a 'cell_type').");
        return new Notebook(root, path);
    }

    /// <summary>nbformat 4.5 and later give every cell an id; earlier minor versions forbid one.</summary>
    public bool CellsHaveIds => root["nbformat_minor"]?.GetValue<int>() >= 5;

    /// <summary>Inserts a cell; used to show injected parameters after the parameters cell.</summary>
    public void InsertCell(int index, NotebookCell cell)
    {
        if (CellsHaveIds)
            cell.Json["id"] = Guid.NewGuid().ToString("N")[..12];
        ((JsonArray)root["cells"]!).Insert(index, cell.Json);
        Cells.Insert(index, cell);
    }

    // Readable as text: "✔" and "+" as themselves, not \u escapes (the file is UTF-8 JSON, not embedded in HTML).
    static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the notebook atomically (a reader never sees half a file).</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, root.ToJsonString(WriteOptions) + "\n");
        File.Move(temporary, path, overwrite: true);
    }
}
