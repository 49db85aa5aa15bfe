using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using NotebookCourse.Course.Execution;
using NotebookCourse.Course.Runs;

namespace NotebookCourse.Course.Commands;

/// <summary>One lesson's end as the parallel runner saw it: its run, or how its process ended without one.</summary>
public sealed record LessonProcessOutcome(string Lesson, string Status, double Seconds, string RunFolder)
{
    public bool Succeeded => Status == "succeeded";
}

/// <summary>
/// Runs several lessons at once in worker processes, each <c>course run</c> again. A worker runs one lesson at a time,
/// as <c>--jobs 1</c> does, and takes the next lesson when its own ends. Lessons run their models on one thread on a
/// 2-core machine (ThreadCount.Default), so one lesson at a time leaves a core idle. Workers are kept rather than
/// started per lesson: a new process compiles the C# compiler again, loads libtorch again and touches fresh memory,
/// which costs about 4 ns a byte on the 2-core virtual machine of the README (there lesson 4 took 18.7 s in a new
/// process, 13.5 s after another lesson in the same one).
/// </summary>
public static class LessonProcesses
{
    /// <summary>Lessons at a time when --jobs is not given: the cores divided by each lesson's thread count.</summary>
    public static int DefaultJobs(int cores, int threadsPerLesson) => Math.Max(1, cores / Math.Max(1, threadsPerLesson));

    /// <summary>
    /// Hidden option of `course run`: run as a worker, reading the index of the next lesson to run from stdin, one per
    /// line, and writing each lesson's run folder to a file named after its index in this folder.
    /// </summary>
    public const string WorkerOption = "--worker";

    /// <summary>The line a worker writes to stderr when a lesson has ended; what came before it is that lesson's log.</summary>
    public const string LessonEndedLine = "\u001ecourse worker: lesson ended";

    public static List<LessonProcessOutcome> Run(IReadOnlyList<PreparedRun> runs, int jobs, IReadOnlyList<string> sets, double? cellTimeoutSeconds,
        RunStore store, TextWriter errors, bool live)
    {
        var (program, prefix) = CourseCommandLine();
        BuildLibraryIfStale(runs, errors);
        string resultFolder = Directory.CreateTempSubdirectory("course-run-").FullName;
        string[] arguments = [.. prefix, .. WorkerArguments(runs, sets, cellTimeoutSeconds, store.Root, resultFolder)];
        var results = new LessonProcessOutcome?[runs.Count];
        var pending = new Queue<int>(Enumerable.Range(0, runs.Count));
        var events = Channel.CreateUnbounded<WorkerEvent>();
        var workers = new List<Worker>();
        errors.WriteLine($"running {runs.Count} lessons, {jobs} at a time: {jobs} processes each take the next lesson when theirs ends (--jobs 1: one at a time, in this process)");
        try
        {
            while (pending.Count > 0 || workers.Count > 0)
            {
                while (workers.Count < jobs && pending.Count > 0)
                    workers.Add(Worker.Start(program, arguments, events.Writer));
                foreach (var idle in workers.Where(w => w.Current is null && w.Open))
                {
                    if (pending.Count > 0)
                        idle.Assign(pending.Dequeue(), pending);
                    else
                        idle.CloseInput();
                }
                if (live)
                    errors.Write("\r\x1b[Krunning: " + string.Join(", ", workers.Where(w => w.Current is not null).Select(w => $"{runs[w.Current!.Value].Lesson} {w.Clock.Elapsed.TotalSeconds:0}s")));
                if (!events.Reader.WaitToReadAsync().AsTask().Wait(live ? 1000 : Timeout.Infinite) || !events.Reader.TryRead(out var e))
                    continue;
                if (live)
                    errors.Write("\r\x1b[K");
                // Each lesson's log in one piece, as it reads when the lesson runs alone.
                errors.Write(e.Log.Length == 0 || e.Log.EndsWith('\n') ? e.Log : e.Log + "\n");
                if (e.ExitCode is null)
                {
                    int index = e.Worker.Current!.Value;
                    var (outcome, timedOut) = Outcome(runs[index], e.Worker, ResultFile(resultFolder, index), store);
                    results[index] = outcome;
                    e.Worker.Current = null;
                    // A timed-out cell's thread cannot be stopped: that worker ends, and a new one takes the next lesson.
                    if (timedOut)
                        e.Worker.CloseInput();
                }
                else
                {
                    if (e.Worker.Current is { } index)
                    {
                        var outcome = Outcome(runs[index], e.Worker, ResultFile(resultFolder, index), store, e.ExitCode).Outcome;
                        results[index] = outcome;
                        errors.WriteLine($"FAILED {runs[index].Lesson}: its process ended with exit code {e.ExitCode} before its run finished; what it executed is in {outcome.RunFolder}");
                    }
                    workers.Remove(e.Worker);
                    e.Worker.Process.Dispose();
                }
            }
        }
        finally
        {
            foreach (var w in workers)
            {
                try { w.Process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                w.Process.Dispose();
            }
            Directory.Delete(resultFolder, recursive: true);
        }
        return results.Select(r => r!).ToList();
    }

    /// <summary>A lesson's end in a worker (no exit code), or the worker's end, with what it wrote to stderr since the last.</summary>
    sealed record WorkerEvent(Worker Worker, string Log, int? ExitCode);

    sealed class Worker
    {
        public required Process Process { get; init; }
        /// <summary>The lesson it runs, by index; null while it waits for one.</summary>
        public int? Current { get; set; }
        public DateTimeOffset Started { get; private set; }
        public Stopwatch Clock { get; } = new();
        /// <summary>Whether it still reads lessons from its stdin.</summary>
        public bool Open { get; private set; } = true;

        public static Worker Start(string program, IReadOnlyList<string> arguments, ChannelWriter<WorkerEvent> events)
        {
            var start = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument);
            var worker = new Worker { Process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}") };
            _ = worker.Pump(events);
            return worker;
        }

        public void Assign(int index, Queue<int> pending)
        {
            Current = index;
            Started = DateTimeOffset.UtcNow;
            Clock.Restart();
            try
            {
                Process.StandardInput.WriteLine(index.ToString(CultureInfo.InvariantCulture));
                Process.StandardInput.Flush();
            }
            catch (IOException)
            {
                // It has ended already; the lesson goes to the worker started next.
                Current = null;
                pending.Enqueue(index);
                Open = false;
            }
        }

        public void CloseInput()
        {
            Open = false;
            try { Process.StandardInput.Close(); } catch (IOException) { }
        }

        /// <summary>Reads its stderr a line at a time, so its pipe never fills, and posts each lesson's end and its own.</summary>
        async Task Pump(ChannelWriter<WorkerEvent> events)
        {
            // Its stdout is its own table, empty for a worker; the parent prints one table for all lessons.
            var output = Process.StandardOutput.ReadToEndAsync();
            var log = new StringBuilder();
            while (await Process.StandardError.ReadLineAsync() is { } line)
            {
                if (line.EndsWith(LessonEndedLine, StringComparison.Ordinal))
                {
                    log.Append(line.AsSpan(0, line.Length - LessonEndedLine.Length));
                    events.TryWrite(new WorkerEvent(this, log.ToString(), null));
                    log.Clear();
                }
                else
                {
                    log.Append(line).Append('\n');
                }
            }
            await output;
            await Process.WaitForExitAsync();
            events.TryWrite(new WorkerEvent(this, log.ToString(), Process.ExitCode));
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

    static IEnumerable<string> WorkerArguments(IReadOnlyList<PreparedRun> runs, IReadOnlyList<string> sets, double? cellTimeoutSeconds, string runsFolder, string resultFolder)
    {
        yield return "run";
        foreach (var run in runs)
            yield return run.Notebook.Path;
        yield return "--jobs";
        yield return "1";
        yield return "--runs-dir";
        yield return runsFolder;
        yield return WorkerOption;
        yield return resultFolder;
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
        string process = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this program is unknown, so lessons cannot run in worker processes; use --jobs 1");
        string assembly = typeof(LessonProcesses).Assembly.Location;
        return Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? (process, [assembly]) : (process, []);
    }

    /// <summary>The lesson's run as its worker reported it, or, without a report, what its run folder shows.</summary>
    static (LessonProcessOutcome Outcome, bool TimedOut) Outcome(PreparedRun run, Worker worker, string resultFile, RunStore store, int? exitCode = null)
    {
        if (File.Exists(resultFile))
        {
            var folder = JsonSerializer.Deserialize<string>(File.ReadAllText(resultFile))!;
            var record = RunRecord.Load(folder);
            return (new(run.Lesson, record.Status, record.DurationSeconds, folder), record.TimedOut);
        }
        // Ended without reporting (killed, or a crash in native code): its run folder, if it made one, holds what it executed.
        var latest = store.Runs(run.Lesson).LastOrDefault(r => r.Record.Started >= worker.Started.AddSeconds(-1));
        string status = exitCode is { } code ? $"crashed (exit {code})" : "crashed";
        return (new(run.Lesson, status, Math.Round(worker.Clock.Elapsed.TotalSeconds, 1), latest.Folder ?? "-"), false);
    }

    /// <summary>What a worker writes for the parent once a lesson has run.</summary>
    public static void WriteResult(string resultFolder, int index, string runFolder) =>
        File.WriteAllText(ResultFile(resultFolder, index), JsonSerializer.Serialize(runFolder), Encoding.UTF8);

    static string ResultFile(string resultFolder, int index) => Path.Combine(resultFolder, index.ToString(CultureInfo.InvariantCulture) + ".json");
}
