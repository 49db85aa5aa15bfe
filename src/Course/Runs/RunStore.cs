namespace NotebookCourse.Course.Runs;

/// <summary>
/// The folder that keeps headless runs: <c>runs/</c> at the repository root (gitignored), or the folder
/// named by <c>--runs-dir</c> or <see cref="FolderVariable"/>. One subfolder per lesson, one per run.
/// </summary>
public sealed class RunStore(string root)
{
    public const string FolderVariable = "COURSE_RUNS_DIR";

    public string Root { get; } = Path.GetFullPath(root);

    public static RunStore Default(string? requested)
    {
        string? configured = requested ?? Environment.GetEnvironmentVariable(FolderVariable);
        if (!string.IsNullOrEmpty(configured))
            return new RunStore(configured);
        string? repository = RepositoryLocator.Find(Directory.GetCurrentDirectory()) ?? RepositoryLocator.Find(AppContext.BaseDirectory);
        return new RunStore(Path.Combine(repository ?? Directory.GetCurrentDirectory(), "runs"));
    }

    public static string LessonName(string notebookPath) => Path.GetFileNameWithoutExtension(notebookPath);

    /// <summary>A new, empty folder for a run of <paramref name="lesson"/> started at <paramref name="started"/>.</summary>
    public string NewRunFolder(string lesson, DateTimeOffset started)
    {
        string stem = Path.Combine(Root, lesson, started.UtcDateTime.ToString("yyyyMMdd-HHmmss"));
        string folder = stem;
        for (int n = 2; Directory.Exists(folder); n++)
            folder = $"{stem}-{n}";
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>The recorded runs of a lesson, oldest first; folders without a readable record are skipped.</summary>
    public IReadOnlyList<(string Folder, RunRecord Record)> Runs(string lesson)
    {
        string folder = Path.Combine(Root, lesson);
        if (!Directory.Exists(folder))
            return [];
        var runs = new List<(string, RunRecord)>();
        foreach (var run in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            if (!File.Exists(Path.Combine(run, RunRecord.FileName)))
                continue;
            try { runs.Add((run, RunRecord.Load(run))); }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException) { }
        }
        return runs;
    }
}

/// <summary>Finds the repository root: the folder holding NotebookCourse.sln.</summary>
public static class RepositoryLocator
{
    public static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NotebookCourse.sln")))
                return dir.FullName;
        }
        return null;
    }
}
