using System.Diagnostics;
using System.Globalization;
using NotebookCourse.Course.Execution;
using NotebookCourse.Course.Notebooks;
using NotebookCourse.Course.Parameters;
using NotebookCourse.Course.Runs;
using NotebookCourse.Helpers.Lessons;
using NotebookCourse.Helpers.Runtime;

namespace NotebookCourse.Course.Commands;

/// <summary><c>course run &lt;notebook or folder&gt;... [--set Name=Value]...</c></summary>
public static class RunCommand
{
    /// <param name="jobs">Lessons at a time, in as many worker processes when above 1; null: <see cref="LessonProcesses.DefaultJobs"/>.</param>
    /// <param name="workerFolder">Set in a worker of <see cref="LessonProcesses"/>: it runs the lessons whose indexes
    /// <paramref name="input"/> gives, one per line, and reports each one's run folder in this folder.</param>
    public static int Execute(IReadOnlyList<string> paths, IReadOnlyList<string> sets, double? cellTimeoutSeconds, string? runsFolder, TextWriter output, TextWriter errors,
        int? jobs = 1, string? workerFolder = null, TextReader? input = null)
    {
        List<PreparedRun> prepared;
        try
        {
            if (cellTimeoutSeconds is <= 0)
                throw new ParameterException($"--cell-timeout is {cellTimeoutSeconds}; expected a number of seconds above 0.");
            if (jobs is < 1)
                throw new ParameterException($"--jobs is {jobs}; expected a number of lessons at a time, at least 1.");
            var overrides = sets.Select(ParseSet).ToList();
            prepared = Expand(paths).Select(path => NotebookRunner.Prepare(path, overrides)).ToList();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or NotebookFormatException or ParameterException)
        {
            errors.WriteLine($"course run: {e.Message}");
            return ExitCodes.InputError;
        }

        bool live = !Console.IsErrorRedirected;
        int lessonsAtOnce = Math.Min(prepared.Count, jobs ?? LessonProcesses.DefaultJobs(Environment.ProcessorCount, ThreadsPerLesson()));
        if (lessonsAtOnce > 1)
        {
            var ended = LessonProcesses.Run(prepared, lessonsAtOnce, sets, cellTimeoutSeconds, RunStore.Default(runsFolder), errors, live);
            output.Write(RunComparison.Table(["lesson", "status", "seconds", "run folder"],
                ended.Select(o => (IReadOnlyList<string>)[o.Lesson, o.Status, o.Seconds.ToString("0.0", CultureInfo.InvariantCulture), o.RunFolder]).ToList()));
            return ended.All(o => o.Succeeded) ? ExitCodes.Success : ExitCodes.CellFailed;
        }

        // Cells' console output (training progress) goes to stderr as it happens; on a terminal it first clears the progress line.
        var runner = new NotebookRunner(RunStore.Default(runsFolder), new CellEcho(errors, live));
        var timeout = cellTimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;

        RunOutcome RunOne(PreparedRun run)
        {
            var clock = Stopwatch.StartNew();
            if (!live)
                errors.WriteLine($"running {run.Lesson} ...");
            var outcome = runner.Run(run, timeout, (cell, count) =>
            {
                if (live)
                    errors.Write($"\r\x1b[K{run.Lesson}: cell {cell}/{count}, {clock.Elapsed.TotalSeconds:0}s");
            });
            if (live)
                errors.Write("\r\x1b[K");
            if (outcome.FailureSummary is { } failure)
                errors.WriteLine($"FAILED {failure}\n  executed notebook: {outcome.ExecutedNotebook}");
            return outcome;
        }

        if (workerFolder is not null)
        {
            input ??= Console.In;
            while (input.ReadLine() is { } line)
            {
                int index = int.Parse(line, CultureInfo.InvariantCulture);
                var outcome = RunOne(prepared[index]);
                LessonProcesses.WriteResult(workerFolder, index, outcome.RunFolder);
                errors.WriteLine(LessonProcesses.LessonEndedLine);
                errors.Flush();
                if (outcome.Record.TimedOut)
                    return ExitCodes.CellFailed;
            }
            return ExitCodes.Success;
        }

        var outcomes = new List<RunOutcome>();
        foreach (var run in prepared)
        {
            var outcome = RunOne(run);
            outcomes.Add(outcome);
            if (outcome.Record.TimedOut)
            {
                if (outcomes.Count < prepared.Count)
                    errors.WriteLine("course run: stopping after a cell timeout; the remaining notebooks were not run (with --jobs 2 or more each worker process that times out is replaced).");
                break;
            }
        }

        output.Write(RunComparison.Table(["lesson", "status", "seconds", "run folder"],
            outcomes.Select(o => (IReadOnlyList<string>)[o.Lesson, o.Record.Status, o.Record.DurationSeconds.ToString("0.0", CultureInfo.InvariantCulture), o.RunFolder]).ToList()));
        return outcomes.All(o => o.Succeeded) && outcomes.Count == prepared.Count ? ExitCodes.Success : ExitCodes.CellFailed;
    }

    /// <summary>The thread count each lesson will set; an invalid COURSE_THREADS counts as the default here, and the lesson reports it.</summary>
    static int ThreadsPerLesson()
    {
        try { return ThreadCount.ForThisMachine(); }
        catch (ArgumentException) { return ThreadCount.Default(Environment.ProcessorCount); }
    }

    internal static KeyValuePair<string, string> ParseSet(string text) =>
        ParameterValues.SplitAssignment(text) ?? throw new ParameterException($"--set '{text}': expected Name=Value.");

    /// <summary>Notebook files as given; a folder stands for its *.ipynb files in name order.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        var notebooks = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*.ipynb").Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0)
                    throw new FileNotFoundException($"no notebooks (*.ipynb) in folder '{path}'.");
                notebooks.AddRange(found);
            }
            else if (File.Exists(path))
            {
                notebooks.Add(path);
            }
            else
            {
                throw new FileNotFoundException($"no notebook or folder at '{path}'.", path);
            }
        }
        return notebooks;
    }
}

/// <summary>Copies cells' console output to the run's log; on a terminal, a new line first clears the live progress line.</summary>
sealed class CellEcho(TextWriter log, bool clearProgressLine) : TextWriter
{
    bool atLineStart = true;

    public override System.Text.Encoding Encoding => log.Encoding;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return;
        lock (log)
        {
            // Cells write a character or a fragment at a time; clear only where a line begins.
            log.Write(clearProgressLine && atLineStart ? "\r\x1b[K" + value : value);
            atLineStart = value.EndsWith('\n');
        }
    }
}
