using System.Text.Json.Nodes;

namespace NotebookCourse.Course.Tests;

/// <summary>
/// Every lesson exported with <c>course export</c> and run as a .NET 10 file-based app (<c>dotnet run lesson.cs</c>)
/// with the small parameters: it runs to the end and checks the same claims, in the same order, as <c>course run</c>.
/// </summary>
public class LessonExportTests
{
    [Theory]
    [MemberData(nameof(LessonTests.Lessons), MemberType = typeof(LessonTests))]
    public async Task The_lesson_runs_as_a_file_based_app_and_checks_the_same_claims(string lesson)
    {
        // Inside the repository, where its build settings apply (exports/ is gitignored).
        string folder = Path.Combine(LessonTests.Repository, "exports", "test-" + Guid.NewGuid().ToString("N")[..8]);
        string file = Path.Combine(folder, lesson + ".cs");
        string? buildOutput = null;
        try
        {
            var export = await ChildProcess.RunAsync("dotnet", [LessonTests.Course, "export", Path.Combine(LessonTests.Repository, "notebooks", lesson + ".ipynb"), "--out", folder], LessonTests.Repository);
            Assert.True(export.ExitCode == 0, $"course export {lesson} exited {export.ExitCode}:\n{export.Errors}\n{export.Output}");

            // Built first to learn where the app's build output goes (the .NET file-based app cache), so it can be removed.
            var build = await ChildProcess.RunAsync("dotnet", ["build", file, "--nologo"], LessonTests.Repository);
            Assert.True(build.ExitCode == 0, $"dotnet build {lesson}.cs exited {build.ExitCode}:\n{build.Output}\n{build.Errors}");
            buildOutput = AppBuildFolder(build.Output, lesson);

            var sets = LessonTests.SmallParameters[lesson].SelectMany(p => new[] { "--set", p });
            var run = await ChildProcess.RunAsync("dotnet", ["run", "--no-build", file, "--", .. sets], LessonTests.Repository, LessonTests.OneThread);
            Assert.True(run.ExitCode == 0, $"dotnet run {lesson}.cs exited {run.ExitCode}:\n{run.Errors}\n{run.Output}");
            Assert.Contains($"parameters set on the command line: {string.Join(", ", LessonTests.SmallParameters[lesson].Select(p => p.Replace("=", " = ")))}", run.Output);

            var expected = await SmallParameterRuns.Of(lesson);
            Assert.NotEmpty(expected.Claims);
            Assert.Equal(expected.Claims.Select(Statement), LessonTests.ClaimLines(run.Output).Select(Statement));

            // Each chart the notebook shows is a page next to the file, with plotly.js inside.
            var pages = Directory.GetFiles(folder, $"{lesson}.chart-*.html");
            Assert.Equal(ChartOutputs(expected.Folder, lesson), pages.Length);
            Assert.All(pages, page => Assert.Contains("Plotly.newPlot", File.ReadAllText(page)));

            // A bad --set stops the lesson with the valid parameters named, before any of its work.
            var bad = await ChildProcess.RunAsync("dotnet", ["run", "--no-build", file, "--", "--set", "NoSuchParameter=1"], LessonTests.Repository);
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains($"{lesson}: unknown parameter 'NoSuchParameter'; valid parameters: ", bad.Errors);
        }
        finally
        {
            // The app's build output holds about 490 MB of native libraries. Not `dotnet clean`: it would clean the
            // course library too (a project reference) while other lessons run from it.
            if (buildOutput is not null && Directory.Exists(buildOutput))
                Directory.Delete(buildOutput, recursive: true);
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    // "✔ claim (evidence)" and "✘ not shown by this run: claim (evidence)" name the same claim; evidence may hold timings.
    static string Statement(string line)
    {
        string claim = line.StartsWith("✘ not shown by this run: ", StringComparison.Ordinal) ? line["✘ not shown by this run: ".Length..] : line[1..].TrimStart();
        return claim.Length <= 40 ? claim : claim[..40];
    }

    static int ChartOutputs(string runFolder, string lesson) =>
        ((JsonArray)JsonNode.Parse(File.ReadAllText(Path.Combine(runFolder, lesson + ".ipynb")))!["cells"]!)
            .SelectMany(cell => (JsonArray?)cell!["outputs"] ?? [])
            .Count(output => output!["data"]?["application/vnd.plotly.v1+json"] is JsonObject);

    // "lesson.cs -> /home/.../dotnet/runfile/lesson-<hash>/bin/debug_linux-x64/lesson.dll": the folder lesson-<hash>.
    static string AppBuildFolder(string buildOutput, string lesson)
    {
        var line = buildOutput.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith($"{lesson}.cs -> ", StringComparison.Ordinal));
        var folder = new DirectoryInfo(Path.GetDirectoryName(line[(line.IndexOf(" -> ", StringComparison.Ordinal) + 4)..])!);
        while (folder.Parent is { } parent && !folder.Name.StartsWith(lesson + "-", StringComparison.Ordinal))
            folder = parent;
        Assert.StartsWith(lesson + "-", folder.Name);
        return folder.FullName;
    }
}
