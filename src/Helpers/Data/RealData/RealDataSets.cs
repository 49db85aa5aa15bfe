using NotebookCourse.Helpers.Runtime;

namespace NotebookCourse.Helpers.Data.RealData;

/// <summary>A real data set a lesson can use instead of its embedded synthetic corpus.</summary>
/// <param name="Name">The value a lesson's <c>Dataset</c> parameter takes, and the data script's argument.</param>
/// <param name="Folder">Its folder under <see cref="CoursePaths.DataDirectory"/>.</param>
public sealed record RealDataSet(string Name, string Folder)
{
    public string FullPath => Path.Combine(CoursePaths.DataDirectory, Folder);

    /// <summary>What a learner runs, from the repository root, to get it.</summary>
    public string ImportCommand => $"dotnet run --project data-scripts -- {Name}";

    /// <summary>Present once a data script has moved a complete, validated import into place.</summary>
    public bool IsPresent => Directory.Exists(FullPath);

    /// <summary>The folder, or an error that names the command to run when it is missing.</summary>
    public string RequireFolder()
    {
        if (!IsPresent)
            throw new DirectoryNotFoundException(
                $"The {Name} data set is not imported: {FullPath} does not exist. Run '{ImportCommand}' from the repository root " +
                $"(add '--from PATH' to import a local copy offline), or set the lesson's Dataset parameter to \"synthetic\".");
        return FullPath;
    }
}

/// <summary>The real data sets the lessons know about.</summary>
public static class RealDataSets
{
    public static readonly RealDataSet TwentyNewsgroups = new("20newsgroups", "20news-bydate");
    public static readonly RealDataSet Wnut17 = new("wnut17", "wnut17");
    public static readonly RealDataSet Glove = new("glove", "glove");
    public static readonly RealDataSet Movies = new("movies", "movies");

    public static IReadOnlyList<RealDataSet> All { get; } = [TwentyNewsgroups, Wnut17, Glove, Movies];

    public static RealDataSet Find(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown data set '{name}'; expected one of: {string.Join(", ", All.Select(d => d.Name))}.", nameof(name));
}
