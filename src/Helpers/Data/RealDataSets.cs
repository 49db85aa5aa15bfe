using NotebookCourse.Helpers.Runtime;

namespace NotebookCourse.Helpers.Data;

/// <summary>A real data set a lesson can use instead of its embedded synthetic corpus.</summary>
/// <param name="Name">The value a lesson's <c>Dataset</c> parameter takes.</param>
/// <param name="Folder">Its folder under <see cref="CoursePaths.DataDirectory"/>.</param>
/// <param name="ImportCommand">What a learner runs to get it.</param>
public sealed record RealDataSet(string Name, string Folder, string ImportCommand)
{
    public string FullPath => Path.Combine(CoursePaths.DataDirectory, Folder);

    /// <summary>Present once a data script has moved a complete import into place.</summary>
    public bool IsPresent => Directory.Exists(FullPath);
}

/// <summary>The real data sets the lessons know about.</summary>
public static class RealDataSets
{
    public static readonly RealDataSet TwentyNewsgroups = new("20newsgroups", "20news-bydate", "see data-scripts/README.md");
    public static readonly RealDataSet Wnut17 = new("wnut17", "wnut17", "see data-scripts/README.md");

    public static IReadOnlyList<RealDataSet> All { get; } = [TwentyNewsgroups, Wnut17];
}
