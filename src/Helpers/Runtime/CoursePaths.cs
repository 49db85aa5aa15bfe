namespace NotebookCourse.Helpers.Runtime;

/// <summary>Where the course's own folders are, found from the library's location.</summary>
public static class CoursePaths
{
    /// <summary>Overrides where imported data sets live (default: <c>data/</c> at the repository root).</summary>
    public const string DataDirectoryVariable = "COURSE_DATA_DIR";

    /// <summary>The repository root (the folder holding NotebookCourse.sln), or null when the library runs outside a checkout.</summary>
    // A lesson run as a file-based app is built outside the checkout; it runs in the notebook's folder, inside it.
    public static string? RepositoryRoot => FindRepositoryRoot(AppContext.BaseDirectory)
        ?? FindRepositoryRoot(Path.GetDirectoryName(typeof(CoursePaths).Assembly.Location))
        ?? FindRepositoryRoot(Directory.GetCurrentDirectory());

    /// <summary>The folder the data scripts import into.</summary>
    public static string DataDirectory =>
        Environment.GetEnvironmentVariable(DataDirectoryVariable) is { Length: > 0 } overridden
            ? Path.GetFullPath(overridden)
            : Path.Combine(RepositoryRoot ?? Directory.GetCurrentDirectory(), "data");

    internal static string? FindRepositoryRoot(string? start)
    {
        for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NotebookCourse.sln")))
                return dir.FullName;
        }
        return null;
    }
}
