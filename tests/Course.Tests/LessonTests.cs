using System.Text.Json.Nodes;
using NotebookCourse.Course.Runs;

namespace NotebookCourse.Course.Tests;

/// <summary>
/// Every lesson under notebooks/, executed headless through the built `course` command in its own
/// process (the way a learner runs it), with small parameters so the suite stays fast.
/// </summary>
public class LessonTests
{
    internal static string Repository => RepositoryLocator.Find(AppContext.BaseDirectory) ?? throw new InvalidOperationException("no NotebookCourse.sln above the test folder");
    static string NotebooksFolder => Path.Combine(Repository, "notebooks");
    /// <summary>The built `course` command, run as `dotnet course.dll` in a process of its own.</summary>
    internal static string Course => Path.Combine(Repository, "src", "Course", "bin", "course.dll");

    /// <summary>The parameters each lesson runs with in the test suite; lessons not listed run with their defaults.</summary>
    internal static readonly Dictionary<string, string[]> SmallParameters = new()
    {
        ["00-setup-check"] = ["MatrixSize=64"],
        ["03-mask-propagation"] = ["Sentences=600", "Epochs=2"],
        ["02-zero-padding"] = ["Documents=3000", "Epochs=4", "MaxLength=200"],
        ["01-embedding-lookup"] = ["TrainSentences=200", "Epochs=8", "CostBatch=2", "CostTime=50", "CostRepeats=2"],
        ["04-frozen-vs-external"] = ["LabelledDocuments=600", "UnlabelledDocuments=2000", "Epochs=10", "LabelBudgets=0.1,1.0", "BudgetSeeds=2", "MemoryTableRows=20000"],
        ["05-attention-pooling"] = ["Movies=600", "MaxPlotLength=120", "Epochs=3"],
    };

    internal static List<string> LessonNames() =>
        [.. Directory.EnumerateFiles(NotebooksFolder, "*.ipynb").Select(p => Path.GetFileNameWithoutExtension(p)).Order(StringComparer.Ordinal)];

    internal static List<string> Names() => LessonNames();

    public static TheoryData<string> Lessons() => new(LessonNames());

    [Fact]
    public void The_course_has_lessons_and_each_has_its_test_parameters()
    {
        var lessons = LessonNames();
        Assert.NotEmpty(lessons);
        Assert.All(lessons, lesson => Assert.True(SmallParameters.ContainsKey(lesson), $"{lesson} has no entry in LessonTests.SmallParameters"));
    }

    [Theory]
    [MemberData(nameof(Lessons))]
    public async Task The_lesson_runs_headless_to_the_end_with_small_parameters(string lesson)
    {
        var executed = await SmallParameterRuns.Of(lesson);
        // Reported through the library's RunMetrics, so this also checks library and runner agree on the channel.
        Assert.True(executed.Record.Metrics.Count > 0, $"{lesson} reported no metric (RunMetrics.Report) to its run record");
        NbformatValidator.Validate(Path.Combine(executed.Folder, lesson + ".ipynb"));
    }

    internal sealed record ExecutedLesson(string Folder, RunRecord Record, string Text)
    {
        /// <summary>The claim lines the run printed ("✔ ..." or "✘ not shown by this run: ..."), in order.</summary>
        public IReadOnlyList<string> Claims => ClaimLines(Text);
    }

    internal static List<string> ClaimLines(string text) =>
        [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('✔') || l.StartsWith('✘'))];

    /// <summary>
    /// Lesson processes run on one thread each (COURSE_THREADS=1), and the classes that run lessons (this one,
    /// <see cref="LessonSeedTests"/>, <see cref="LessonTryItTests"/>, <see cref="RealKernelLessonTests"/>) run side by side.
    /// At the lessons' sizes one thread is faster than two: on 2 cores, lesson 4 took 23.7 s on one thread and 29.5 s on
    /// two, lesson 2 39.5 s and 48.1 s.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string> OneThread = new Dictionary<string, string> { ["COURSE_THREADS"] = "1" };

    /// <param name="runsFolder">Where the run goes (default: a new folder); it must hold no other run of the lesson.</param>
    internal static async Task<ExecutedLesson> RunLesson(string lesson, string[] parameters, string? runsFolder = null)
    {
        string runs = runsFolder ?? Path.Combine(Path.GetTempPath(), "notebookcourse-lessons", Guid.NewGuid().ToString("N"));
        var run = await ChildProcess.RunAsync("dotnet",
            new[] { Course, "run", Path.Combine(NotebooksFolder, lesson + ".ipynb"), "--runs-dir", runs, "--cell-timeout", "300" }
                .Concat(parameters.SelectMany(p => new[] { "--set", p })),
            Repository, OneThread);
        Assert.True(run.ExitCode == 0, $"course run {lesson} {string.Join(" ", parameters)} exited {run.ExitCode}:\n{run.Errors}\n{run.Output}");
        var (folder, record) = Assert.Single(new RunStore(runs).Runs(lesson));
        Assert.Equal("succeeded", record.Status);
        var notebook = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(folder, lesson + ".ipynb")))!;
        string text = string.Join("\n", ((JsonArray)notebook["cells"]!).SelectMany(c => (JsonArray?)c!["outputs"] ?? [])
            .Select(o => o!["data"]?["text/plain"]?.GetValue<string>() ?? o!["text"]?.GetValue<string>() ?? ""));
        return new ExecutedLesson(folder, record, text);
    }

    [Theory]
    [MemberData(nameof(Lessons))]
    public void The_lesson_is_committed_clean_and_follows_the_notebook_conventions(string lesson)
    {
        var notebook = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(NotebooksFolder, lesson + ".ipynb")))!;
        Assert.Equal(".net-csharp", notebook["metadata"]?["kernelspec"]?["name"]?.GetValue<string>());
        Assert.Equal("csharp", notebook["metadata"]?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>());
        var code = ((JsonArray)notebook["cells"]!).Select(c => (JsonObject)c!).Where(c => c["cell_type"]!.GetValue<string>() == "code").ToList();
        Assert.All(code, cell =>
        {
            Assert.Empty((JsonArray)cell["outputs"]!);
            Assert.Null(cell["execution_count"]);
            Assert.Equal("csharp", cell["metadata"]?["polyglot_notebook"]?["kernelName"]?.GetValue<string>());
        });
        Assert.Single(code, cell => cell["metadata"]?["tags"] is JsonArray tags && tags.Any(t => t!.GetValue<string>() == "parameters"));
        string first = string.Concat(((JsonArray)code[1]["source"]!).Select(l => l!.GetValue<string>()));
        Assert.Contains("#r \"../src/Helpers/bin/NotebookCourse.Helpers.dll\"", first);
        Assert.DoesNotContain("#r \"nuget: TorchSharp", first);
    }
}
