using NotebookCourse.Course.Notebooks;
using NotebookCourse.Course.Runs;
using NotebookCourse.Course.Site;

namespace NotebookCourse.Course.Commands;

/// <summary>
/// <c>course site [notebook or folder]... [--out DIR] [--run]</c>: the course as a static site, from each lesson's latest
/// successful run; a lesson without one is run first, and <c>--run</c> runs every lesson first.
/// </summary>
public static class SiteCommand
{
    public const string DefaultFolder = "site";

    public static int Execute(IReadOnlyList<string> paths, string? outputFolder, string? runsFolder, bool runFirst, double? cellTimeoutSeconds, TextWriter output, TextWriter errors)
    {
        try
        {
            string repository = RepositoryLocator.Find(Directory.GetCurrentDirectory()) ?? RepositoryLocator.Find(AppContext.BaseDirectory)
                ?? throw new DirectoryNotFoundException("run course site inside the course repository (no NotebookCourse.sln above the current folder).");
            var notebooks = RunCommand.Expand(paths.Count > 0 ? paths : [Path.Combine(repository, "notebooks")]);
            var store = RunStore.Default(runsFolder);
            var lessons = notebooks.Select(RunStore.LessonName).ToList();

            var toRun = runFirst ? notebooks : notebooks.Where(n => !HasSucceeded(store, RunStore.LessonName(n))).ToList();
            if (toRun.Count > 0)
            {
                errors.WriteLine(runFirst ? "course site: running the lessons first" : $"course site: no successful run yet of {string.Join(", ", toRun.Select(RunStore.LessonName))}; running {(toRun.Count == 1 ? "it" : "them")} first");
                RunCommand.Execute(toRun, [], cellTimeoutSeconds, store.Root, errors, errors);
            }

            var shown = new List<SiteLesson>();
            foreach (var lesson in lessons)
            {
                // After --run, the run just made; otherwise the latest successful one; a lesson whose only runs failed shows its latest.
                var runs = store.Runs(lesson);
                var run = runFirst ? runs.LastOrDefault() : runs.LastOrDefault(r => r.Record.Status == "succeeded");
                if (run.Record is null)
                    run = runs.LastOrDefault();
                if (run.Record is null)
                {
                    errors.WriteLine($"course site: {lesson} has no run; it is left out of the site.");
                    continue;
                }
                shown.Add(new SiteLesson(lesson, run.Folder, run.Record));
            }
            if (shown.Count == 0)
            {
                errors.WriteLine("course site: no lesson has a run to show.");
                return ExitCodes.CellFailed;
            }

            string folder = Path.GetFullPath(outputFolder ?? Path.Combine(repository, DefaultFolder));
            var pages = SiteBuilder.Build(shown, folder, repository);
            foreach (var (page, lesson) in pages.Zip(shown))
                output.WriteLine($"{page.Lesson}: {(page.Succeeded ? "ran to the end" : "FAILED")}, run {lesson.Record.Started.UtcDateTime:yyyy-MM-dd HH:mm} UTC, {SiteBuilder.Plural(page.Checked, "claim")} checked{(page.NotShown > 0 ? $", {page.NotShown} not shown" : "")}{(page.Failed > 0 ? $", {page.Failed} failed" : "")}, {SiteBuilder.Plural(page.Charts, "chart")}");
            output.WriteLine($"site: {Path.Combine(folder, SiteBuilder.IndexFile)} (open it in a browser; it needs no network)");
            return pages.All(p => p.Succeeded) && pages.Count == lessons.Count ? ExitCodes.Success : ExitCodes.CellFailed;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or NotebookFormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            errors.WriteLine($"course site: {e.Message}");
            return ExitCodes.InputError;
        }
    }

    static bool HasSucceeded(RunStore store, string lesson) => store.Runs(lesson).Any(r => r.Record.Status == "succeeded");
}
