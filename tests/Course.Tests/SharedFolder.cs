namespace NotebookCourse.Course.Tests;

/// <summary>
/// The project's shared folder: ../shared beside the checkout, or COURSE_SHARED_DIR (CI sets it when it tests a
/// fresh clone made elsewhere). It holds the real Polyglot kernel and the real data sets.
/// </summary>
static class SharedFolder
{
    public const string Variable = "COURSE_SHARED_DIR";

    public static string Path =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } overridden
            ? System.IO.Path.GetFullPath(overridden)
            : System.IO.Path.GetFullPath(System.IO.Path.Combine(LessonTests.Repository, "..", "shared"));

    /// <summary>The real kernel's runner script, or null where the shared folder has none.</summary>
    public static string? RealKernelScript =>
        System.IO.Path.Combine(Path, "real-kernel", "run-notebook.sh") is var script && File.Exists(script) ? script : null;
}
