using System.Text.Json.Nodes;
using NotebookCourse.Course.Commands;
using NotebookCourse.Course.Notebooks;
using NotebookCourse.Course.Runs;

namespace NotebookCourse.Course.Tests;

/// <summary>Small notebooks written by the tests, and runs of them through the `course run` command.</summary>
sealed class Fixtures
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "notebookcourse-runner-tests", Guid.NewGuid().ToString("N"));
    public string RunsFolder => Path.Combine(Folder, "runs");

    public Fixtures() => Directory.CreateDirectory(Folder);

    public static JsonObject Code(string source, params string[] tags) => NotebookCell.NewCode(source, tags).Json;

    public static JsonObject Markdown(string source) => new() { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = source };

    /// <summary>Writes a Polyglot C# notebook (nbformat 4.4, as Polyglot writes them) and returns its path.</summary>
    public string Notebook(string name, params JsonObject[] cells)
    {
        var notebook = new JsonObject
        {
            ["nbformat"] = 4,
            ["nbformat_minor"] = 4,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
                ["polyglot_notebook"] = new JsonObject { ["kernelInfo"] = new JsonObject { ["defaultKernelName"] = "csharp", ["items"] = new JsonArray(new JsonObject { ["name"] = "csharp" }) } },
            },
            ["cells"] = new JsonArray(cells.Select(c => (JsonNode)c).ToArray()),
        };
        string path = Path.Combine(Folder, name + ".ipynb");
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }

    public sealed record Result(int ExitCode, string Output, string Errors, JsonObject? Executed, RunRecord? Record);

    /// <summary>Runs through RunCommand, as `course run` does, and reads back the newest run of the lesson.</summary>
    public Result Run(string notebook, string[]? sets = null, double? cellTimeout = null)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        int exit = RunCommand.Execute([notebook], sets ?? [], cellTimeout, RunsFolder, output, errors);
        var runs = new RunStore(RunsFolder).Runs(RunStore.LessonName(notebook));
        if (runs.Count == 0)
            return new Result(exit, output.ToString(), errors.ToString(), null, null);
        var (folder, record) = runs[^1];
        var executed = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(folder, Path.GetFileName(notebook))))!;
        return new Result(exit, output.ToString(), errors.ToString(), executed, record);
    }

    public static JsonArray Cells(JsonObject notebook) => (JsonArray)notebook["cells"]!;
    public static JsonArray Outputs(JsonObject notebook, int cellIndex) => (JsonArray)Cells(notebook)[cellIndex]!["outputs"]!;

    public static string? Text(JsonNode? output, string mime = "text/plain") =>
        output?["data"]?[mime]?.GetValue<string>() ?? output?["text"]?.GetValue<string>();
}

/// <summary>The runner redirects Console and sets an environment variable per run: one run at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunnerCollection
{
    public const string Name = "runner";
}
