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

    /// <summary>The project's shared folder: COURSE_SHARED_DIR when set (CI tests a fresh clone made elsewhere), else ../shared beside the checkout.</summary>
    public static string SharedFolder =>
        Environment.GetEnvironmentVariable("COURSE_SHARED_DIR") is { Length: > 0 } overridden
            ? Path.GetFullPath(overridden)
            : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    /// <summary>The course's copies of the real data sets (shared/data), or null where absent.</summary>
    public static string? SharedData =>
        Path.Combine(SharedFolder, "data") is var folder && File.Exists(Path.Combine(folder, "README.md")) ? folder : null;

    /// <summary>A file of the shared data sets; skips the test, saying why, where the folder is absent.</summary>
    public static string RequireSharedData(string relativePath)
    {
        string? path = SharedData is { } root ? Path.Combine(root, relativePath) : null;
        if (path is null || !Path.Exists(path))
            Assert.Skip($"Shared data '{relativePath}' is not present (../shared/data beside the checkout, or COURSE_SHARED_DIR); this test needs it.");
        return path!;
    }

    public static string TemporaryRoot { get; } = Path.Combine(Path.GetTempPath(), "notebookcourse-tests");

    public static string NewTemporaryFolder()
    {
        var folder = Path.Combine(TemporaryRoot, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
