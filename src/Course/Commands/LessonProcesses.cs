using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NotebookCourse.Course.Execution;
using NotebookCourse.Course.Runs;

namespace NotebookCourse.Course.Commands;

/// <summary>One lesson's end as the parallel runner saw it: its run, or how its process ended without one.</summary>
public sealed record LessonProcessOutcome(string Lesson, string Status, double Seconds, string RunFolder)
{
    public bool Succeeded => Status == "succeeded";
}

/// <summary>
/// Runs several lessons at once, each as <c>course run</c> in a process of its own. Lessons run their models on one
/// thread on a 2-core machine (ThreadCount.Default), so one lesson at a time leaves a core idle; a process each keeps
/// their process-wide state (torch's generator and threads, the console, the current folder) apart.
/// </summary>
public static class LessonProcesses
{
    /// <summary>Lessons at a time when --jobs is not given: the cores divided by each lesson's thread count.</summary>
    public static int DefaultJobs(int cores, int threadsPerLesson) => Math.Max(1, cores / Math.Max(1, threadsPerLesson));

    /// <summary>The file through which a child process reports its run folder to the parent (hidden option of `course run`).</summary>
    public const string ResultFileOption = "--result-file";

    public static List<LessonProcessOutcome> Run(IReadOnlyList<PreparedRun> runs, int jobs, IReadOnlyList<string> sets, double? cellTimeoutSeconds,
        RunStore store, TextWriter errors, bool live)
    {
        var (program, prefix) = CourseCommandLine();
        var results = new LessonProcessOutcome?[runs.Count];
        BuildLibraryIfStale(runs, errors);
        var running = new List<Child>();
        int next = 0;
        errors.WriteLine($"running {runs.Count} lessons, {jobs} at a time, each in a process of its own (--jobs 1: one at a time, in this process)");
        string resultFolder = Directory.CreateTempSubdirectory("course-run-").FullName;
        try
        {
            while (next < runs.Count || running.Count > 0)
            {
                while (running.Count < jobs && next < runs.Count)
                {
                    string resultFile = Path.Combine(resultFolder, $"{next}.json");
                    running.Add(Child.Start(next, program, [.. prefix, .. ChildArguments(runs[next].Notebook.Path, sets, cellTimeoutSeconds, store.Root, resultFile)], resultFile));
                    next++;
                }
                if (live)
                    errors.Write("\r\x1b[Krunning: " + string.Join(", ", running.Select(r => $"{runs[r.Index].Lesson} {r.Clock.Elapsed.TotalSeconds:0}s")));
                var ended = Task.WhenAny(running.Select(r => r.Ended)).Wait(live ? 1000 : Timeout.Infinite);
                if (!ended)
                    continue;
                var done = running.First(r => r.Ended.IsCompleted);
                running.Remove(done);
                string childErrors = done.Ended.Result;
                var outcome = Outcome(runs[done.Index], done.Process.ExitCode, done.ResultFile, done.Started, done.Clock.Elapsed.TotalSeconds, store);
                results[done.Index] = outcome;
                if (live)
                    errors.Write("\r\x1b[K");
                // Each lesson's log in one piece, as it reads when the lesson runs alone.
                errors.Write(childErrors.Length == 0 || childErrors.EndsWith('\n') ? childErrors : childErrors + "\n");
                if (outcome.Status.StartsWith("crashed", StringComparison.Ordinal))
                    errors.WriteLine($"FAILED {runs[done.Index].Lesson}: its process ended with exit code {done.Process.ExitCode} before its run finished; what it executed is in {outcome.RunFolder}");
                done.Process.Dispose();
            }
        }
        finally
        {
            foreach (var r in running)
            {
                try { r.Process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                r.Process.Dispose();
            }
            Directory.Delete(resultFolder, recursive: true);
        }
        return results.Select(r => r!).ToList();
    }

    sealed class Child
    {
        public required int Index { get; init; }
        public required Process Process { get; init; }
        public required string ResultFile { get; init; }
        public required DateTimeOffset Started { get; init; }
        public Stopwatch Clock { get; } = Stopwatch.StartNew();
        /// <summary>Completes with the child's stderr once it has exited and both streams are read.</summary>
        public required Task<string> Ended { get; init; }

        public static Child Start(int index, string program, IReadOnlyList<string> arguments, string resultFile)
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument);
            var started = DateTimeOffset.UtcNow;
            var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
            // Both streams are read at once, so neither fills its pipe and blocks the child. Its stdout is its own
            // table of one lesson; the parent prints one table for all.
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            async Task<string> End()
            {
                await process.WaitForExitAsync();
                await output;
                return await errors;
            }
            return new Child { Index = index, Process = process, ResultFile = resultFile, Started = started, Ended = End() };
        }
    }

    /// <summary>
    /// A lesson's first cell builds src/Helpers when its DLL is missing or older than a source of src/Helpers or
    /// src/Charts. Lessons started together would each run that build on the same folders at once, so the same check
    /// runs here first, and the build once.
    /// </summary>
    static void BuildLibraryIfStale(IReadOnlyList<PreparedRun> runs, TextWriter errors)
    {
        var repository = runs.Select(r => RepositoryLocator.Find(Path.GetDirectoryName(r.Notebook.Path)!)).FirstOrDefault(r => r is not null);
        if (repository is null)
            return;
        string helpers = Path.Combine(repository, "src", "Helpers");
        string dll = Path.Combine(helpers, "bin", "NotebookCourse.Helpers.dll");
        static bool Built(string file) => file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}");
        var sources = new[] { helpers, Path.Combine(repository, "src", "Charts") }.Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs*", SearchOption.AllDirectories)).Where(f => !Built(f)).ToList();
        if (sources.Count == 0 || (File.Exists(dll) && File.GetLastWriteTimeUtc(dll) >= sources.Max(File.GetLastWriteTimeUtc)))
            return;
        errors.WriteLine("building the course library first (src/Helpers is newer than its DLL), so the lessons do not each build it at once");
        using var build = Process.Start(new ProcessStartInfo("dotnet") { ArgumentList = { "build", helpers, "--nologo", "-v", "q" }, UseShellExecute = false })!;
        build.WaitForExit();
        // A failed build is left to the lessons' first cells, which report it in their notebooks.
    }

    static IEnumerable<string> ChildArguments(string notebook, IReadOnlyList<string> sets, double? cellTimeoutSeconds, string runsFolder, string resultFile)
    {
        yield return "run";
        yield return notebook;
        yield return "--jobs";
        yield return "1";
        yield return "--runs-dir";
        yield return runsFolder;
        yield return ResultFileOption;
        yield return resultFile;
        if (cellTimeoutSeconds is { } seconds)
        {
            yield return "--cell-timeout";
            yield return seconds.ToString("R", CultureInfo.InvariantCulture);
        }
        foreach (var set in sets)
        {
            yield return "--set";
            yield return set;
        }
    }

    /// <summary>This program again: its own executable, or `dotnet course.dll` when started that way.</summary>
    static (string Program, string[] Prefix) CourseCommandLine()
    {
        string process = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this program is unknown, so lessons cannot run in processes of their own; use --jobs 1");
        string assembly = typeof(LessonProcesses).Assembly.Location;
        return Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? (process, [assembly]) : (process, []);
    }

    static LessonProcessOutcome Outcome(PreparedRun run, int exitCode, string resultFile, DateTimeOffset started, double seconds, RunStore store)
    {
        if (File.Exists(resultFile))
        {
            var folder = JsonSerializer.Deserialize<string>(File.ReadAllText(resultFile))!;
            var record = RunRecord.Load(folder);
            return new(run.Lesson, record.Status, record.DurationSeconds, folder);
        }
        // Ended without reporting (killed, or a crash in native code): its run folder, if it made one, holds what it executed.
        var latest = store.Runs(run.Lesson).LastOrDefault(r => r.Record.Started >= started.AddSeconds(-1));
        return new(run.Lesson, $"crashed (exit {exitCode})", Math.Round(seconds, 1), latest.Folder ?? "-");
    }

    /// <summary>What a child writes for the parent once its lesson has run.</summary>
    public static void WriteResult(string resultFile, string runFolder) =>
        File.WriteAllText(resultFile, JsonSerializer.Serialize(runFolder), Encoding.UTF8);
}
