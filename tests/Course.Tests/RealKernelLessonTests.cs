using System.Text.Json.Nodes;
using NotebookCourse.Course.Execution;

namespace NotebookCourse.Course.Tests;

/// <summary>
/// Every lesson run in the real Polyglot C# kernel (../shared/real-kernel, built from .NET Interactive's final
/// source), with the same small parameters as the headless lesson tests: every code cell must succeed, and
/// charts and tables must arrive as text/html, as VS Code shows them.
/// </summary>
public class RealKernelLessonTests
{
    [Theory]
    [MemberData(nameof(LessonTests.Lessons), MemberType = typeof(LessonTests))]
    public async Task The_lesson_runs_in_the_real_Polyglot_kernel_and_its_charts_and_tables_are_html(string lesson)
    {
        if (SharedFolder.RealKernelScript is not { } script)
        {
            Assert.Skip($"The real Polyglot kernel is not present ({SharedFolder.Variable} or ../shared/real-kernel/run-notebook.sh beside the checkout); this test needs it.");
            return;
        }
        string notebook = LessonWithParameters(lesson, LessonTests.SmallParameters[lesson]);
        try
        {
            await RunAndCheck(script, lesson, notebook);
        }
        finally
        {
            RemoveLinkedCopy(Path.GetDirectoryName(Path.GetDirectoryName(notebook))!);
        }
    }

    static async Task RunAndCheck(string script, string lesson, string notebook)
    {
        string report = Path.Combine(Path.GetDirectoryName(notebook)!, lesson + ".cells.json");
        var run = await ChildProcess.RunAsync(script, [notebook, "--json", report, "--cell-timeout", "300"], LessonTests.Repository, LessonTests.OneThread);

        Assert.True(run.ExitCode == 0, $"the real kernel ran {lesson} with exit code {run.ExitCode}:\n{run.Output}\n{run.Errors}");
        var cells = ((JsonArray)JsonNode.Parse(File.ReadAllText(report))!["cells"]!).Select(c => c!).ToList();
        Assert.All(cells, cell => Assert.Equal("ok", cell["status"]!.GetValue<string>()));
        var outputs = cells.SelectMany(c => (JsonArray)c["outputs"]!).Select(o => o!).ToList();
        foreach (var shown in outputs.Where(o => o["valueType"]?.GetValue<string>() is "NotebookCourse.Helpers.Plots.HtmlChart" or "Microsoft.Data.Analysis.DataFrame"))
            Assert.Contains("text/html", ((JsonArray)shown["mimeTypes"]!).Select(m => m!.GetValue<string>()));
        if (LessonsWithCharts.Contains(lesson))
            Assert.Contains(outputs, o => o["valueType"]?.GetValue<string>() == "NotebookCourse.Helpers.Plots.HtmlChart");
    }

    // Links are removed as links, never followed: they point into the checkout.
    static void RemoveLinkedCopy(string root)
    {
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null)
                entry.Delete();
        }
        Directory.Delete(Path.Combine(root, "notebooks"), recursive: true);
        Directory.Delete(root);
    }

    static readonly HashSet<string> LessonsWithCharts = ["01-embedding-lookup", "02-zero-padding", "03-mask-propagation", "04-frozen-vs-external", "05-attention-pooling"];

    /// <summary>
    /// The lesson with its parameters overridden as `course run --set` does, in a temporary copy of the repository
    /// made of links (the real kernel has no --set), so that the lesson's relative paths resolve as in notebooks/.
    /// </summary>
    static string LessonWithParameters(string lesson, string[] parameters)
    {
        string root = Path.Combine(Path.GetTempPath(), "notebookcourse-real-kernel", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "notebooks"));
        foreach (var entry in Directory.EnumerateFileSystemEntries(LessonTests.Repository))
        {
            string name = Path.GetFileName(entry);
            if (name is not "notebooks" and not ".git")
            {
                if (Directory.Exists(entry))
                    Directory.CreateSymbolicLink(Path.Combine(root, name), entry);
                else
                    File.CreateSymbolicLink(Path.Combine(root, name), entry);
            }
        }
        var overrides = parameters.Select(p => p.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1])).ToList();
        var prepared = NotebookRunner.Prepare(Path.Combine(LessonTests.Repository, "notebooks", lesson + ".ipynb"), overrides);
        prepared.InjectParameters();
        string path = Path.Combine(root, "notebooks", lesson + ".ipynb");
        prepared.Notebook.Save(path);
        return path;
    }
}
