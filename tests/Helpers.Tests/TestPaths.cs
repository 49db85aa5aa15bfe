using NotebookCourse.Helpers.Runtime;

namespace NotebookCourse.Helpers.Tests;

/// <summary>Where things are, from the test's point of view.</summary>
static class TestPaths
{
    public static string RepositoryRoot { get; } =
        CoursePaths.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException($"No NotebookCourse.sln above {AppContext.BaseDirectory}.");

    public static string NuGetPackages =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
            ? custom
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>libLibTorchSharp.so as NuGet delivered it, before any fix.</summary>
    public static string PristineLibTorchSharp =>
        Path.Combine(NuGetPackages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    public static string TemporaryRoot { get; } = Path.Combine(Path.GetTempPath(), "notebookcourse-tests");

    public static string NewTemporaryFolder()
    {
        var folder = Path.Combine(TemporaryRoot, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
