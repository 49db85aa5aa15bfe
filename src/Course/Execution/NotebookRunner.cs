using System.Diagnostics;
using NotebookCourse.Course.Formatting;
using NotebookCourse.Course.Notebooks;
using NotebookCourse.Course.Parameters;
using NotebookCourse.Course.Runs;

namespace NotebookCourse.Course.Execution;

/// <summary>A notebook checked and ready to run: loaded, with its parameter overrides typed and validated.</summary>
public sealed class PreparedRun
{
    public required Notebook Notebook { get; init; }
    public required IReadOnlyList<LessonParameter> Parameters { get; init; }
    public required IReadOnlyList<LessonParameter> Injected { get; init; }
    public string Lesson => RunStore.LessonName(Notebook.Path);

    bool injected;

    /// <summary>Puts the overrides in a cell tagged injected-parameters right after the parameters cell (once).</summary>
    public void InjectParameters()
    {
        if (injected || Injected.Count == 0)
            return;
        injected = true;
        int at = Notebook.Cells.FindIndex(c => c.IsCode && c.Tags.Contains(LessonParameters.Tag)) + 1;
        Notebook.InsertCell(at, NotebookCell.NewCode(LessonParameters.InjectedCellSource(Injected), [LessonParameters.InjectedTag]));
    }
}

/// <summary>The end of one run.</summary>
public sealed record RunOutcome(string Lesson, string RunFolder, string ExecutedNotebook, RunRecord Record)
{
    public bool Succeeded => Record.Status == "succeeded";

    /// <summary>"notebook, cell N, line L: message" for a failed run.</summary>
    public string? FailureSummary => Record.Failure is { } f
        ? $"{Record.Notebook}, cell {f.Cell}{(f.Line is { } line ? $", line {line}" : "")}: {f.Kind}: {f.Error}: {f.Message}"
        : null;
}

/// <summary>
/// Executes a Polyglot C# notebook headless: code cells in order in one script state, outputs in nbformat 4.
/// The executed notebook and the run record are written after every cell, so a failure, a timeout or a
/// crash still leaves what was executed, with the error as the failing cell's output.
/// </summary>
public sealed class NotebookRunner(RunStore store, TextWriter? echo = null)
{
    /// <summary>Loads a notebook and checks the overrides against its parameters cell. Throws on bad input.</summary>
    public static PreparedRun Prepare(string path, IReadOnlyList<KeyValuePair<string, string>> overrides)
    {
        // Absolute from here on: cells run with the notebook folder as the current directory.
        var notebook = Notebook.Load(Path.GetFullPath(path));
        var parametersCells = notebook.Cells.Where(c => c.IsCode && c.Tags.Contains(LessonParameters.Tag)).ToList();
        if (parametersCells.Count > 1)
            throw new ParameterException($"'{path}' has {parametersCells.Count} cells tagged '{LessonParameters.Tag}'; expected one.");
        LessonParameters? parameters = null;
        if (parametersCells.Count == 1)
        {
            try { parameters = LessonParameters.Parse(parametersCells[0].Source); }
            catch (ParameterException e) { throw new ParameterException($"'{path}': {e.Message}"); }
        }
        if (parameters is null && overrides.Count > 0)
            throw new ParameterException($"'{path}' has no cell tagged '{LessonParameters.Tag}', so --set {overrides[0].Key}=... has nothing to override.");
        IReadOnlyList<LessonParameter> injected;
        try { injected = parameters?.Override(overrides) ?? []; }
        catch (ParameterException e) { throw new ParameterException($"'{path}': {e.Message}"); }
        return new PreparedRun { Notebook = notebook, Parameters = parameters?.All ?? [], Injected = injected };
    }

    /// <param name="progress">Called before each code cell with (code cell number, code cell count).</param>
    public RunOutcome Run(PreparedRun prepared, TimeSpan? cellTimeout = null, Action<int, int>? progress = null)
    {
        var notebook = prepared.Notebook;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        string folder = store.NewRunFolder(prepared.Lesson, started);
        string executedPath = Path.Combine(folder, Path.GetFileName(notebook.Path));
        string metricsFile = Path.Combine(folder, RunRecord.MetricsFileName);

        prepared.InjectParameters();
        foreach (var cell in notebook.Cells.Where(c => c.IsCode))
            cell.SetOutputs([], null);

        var recordedParameters = prepared.Parameters
            .Select(p => prepared.Injected.FirstOrDefault(i => i.Name == p.Name) is { } injected
                ? new RecordedParameter(p.Name, p.Type, injected.Literal, true)
                : new RecordedParameter(p.Name, p.Type, p.Literal, false))
            .ToList();
        var cells = new List<RecordedCell>();
        RecordedFailure? failure = null;

        RunRecord Record(string status) => new()
        {
            Lesson = prepared.Lesson,
            Notebook = notebook.Path,
            ExecutedNotebook = executedPath,
            Started = started,
            DurationSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
            Status = status,
            Parameters = recordedParameters,
            Cells = [.. cells],
            Failure = failure,
            Metrics = RunRecord.ReadMetrics(metricsFile),
        };
        // A display handle may update an earlier cell's output, so every executed cell is refreshed.
        var executed = new List<(NotebookCell Cell, CellOutputs Outputs, int Count)>();
        RunRecord Checkpoint(string status)
        {
            foreach (var (cell, outputs, count) in executed)
                cell.SetOutputs(outputs.Snapshot(), count);
            notebook.Save(executedPath);
            var record = Record(status);
            record.Save(folder);
            return record;
        }

        Checkpoint("running");
        var codeCells = notebook.Cells.Select((cell, index) => (cell, number: index + 1)).Where(c => c.cell.IsCode).ToList();
        var session = new ScriptSession(notebook.Path, codeCells.Count);
        string? savedMetrics = Environment.GetEnvironmentVariable(RunRecord.MetricsFileVariable);
        Environment.SetEnvironmentVariable(RunRecord.MetricsFileVariable, metricsFile);
        // Cells run in the notebook's folder, as in Polyglot, so relative paths mean the same in both.
        string savedDirectory = Environment.CurrentDirectory;
        Environment.CurrentDirectory = Path.GetDirectoryName(notebook.Path)!;
        try
        {
            int executionCount = 0;
            foreach (var (cell, number) in codeCells)
            {
                progress?.Invoke(executionCount + 1, codeCells.Count);
                var outputs = new CellOutputs(echo);
                var cellClock = Stopwatch.StartNew();
                var result = session.Run(cell.Source, cell.KernelName, number, outputs, cellTimeout);
                executionCount++;
                if (result.Failure is { } f)
                {
                    string where = $"{Path.GetFileName(notebook.Path)}, cell {number}{(f.Line is { } line ? $", line {line}" : "")}";
                    outputs.AddError(f.ErrorName, $"{where}: {f.Message}", [$"{f.Kind} in {where}", .. f.Details]);
                    failure = new RecordedFailure(number, f.Line, f.Kind, f.ErrorName, f.Message);
                }
                else if (result.HasReturnValue)
                {
                    outputs.AddResult(ValueFormatter.Format(result.ReturnValue), executionCount);
                }
                executed.Add((cell, outputs, executionCount));
                cells.Add(new RecordedCell(number, Math.Round(cellClock.Elapsed.TotalSeconds, 3), failure is null ? "ok" : "failed"));
                if (failure is not null)
                    break;
                Checkpoint("running");
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(RunRecord.MetricsFileVariable, savedMetrics);
            Environment.CurrentDirectory = savedDirectory;
        }

        var final = Checkpoint(failure is null ? "succeeded" : "failed");
        return new RunOutcome(prepared.Lesson, folder, executedPath, final);
    }
}
