using NotebookCourse.Course.Runs;

namespace NotebookCourse.Course.Commands;

/// <summary><c>course runs &lt;lesson&gt;</c>: the recorded runs of a lesson side by side.</summary>
public static class RunsCommand
{
    public static int Execute(string lesson, string? runsFolder, TextWriter output, TextWriter errors)
    {
        var store = RunStore.Default(runsFolder);
        string name = RunStore.LessonName(lesson);
        var runs = store.Runs(name);
        if (runs.Count == 0)
        {
            errors.WriteLine($"course runs: no recorded runs of '{name}' in {store.Root}.");
            return ExitCodes.InputError;
        }
        var header = RunComparison.Columns(runs.Select(r => r.Record).ToList(), out var rows);
        output.WriteLine($"{runs.Count} run(s) of {name} in {Path.Combine(store.Root, name)}; parameters shown are those that differ:");
        output.Write(RunComparison.Table(header, rows));
        return ExitCodes.Success;
    }
}
