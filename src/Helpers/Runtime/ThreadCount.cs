namespace NotebookCourse.Helpers.Runtime;

/// <summary>
/// The rule for how many threads a lesson uses, without TorchSharp: shared as source with the `course` runner, which
/// decides by it how many lessons to run at once. <see cref="Threads"/> applies it.
/// </summary>
internal static class ThreadCount
{
    public const string OverrideVariable = "COURSE_THREADS";

    /// <summary>
    /// All cores but one, at least one. The lessons' models are small: their operators are too short to gain from a
    /// second thread, and the core left free serves .NET (the runner or kernel, the GC). Whole lessons ran up to twice
    /// as fast this way on a 2-core machine (benchmarks/Changes.md).
    /// </summary>
    public static int Default(int cores) => Math.Max(1, cores - 1);

    /// <summary>The count a lesson uses on this machine: <see cref="OverrideVariable"/> when set, else <see cref="Default"/>.</summary>
    public static int ForThisMachine() => FromEnvironment() ?? Default(Environment.ProcessorCount);

    /// <summary><see cref="OverrideVariable"/> when set; throws when it is not a whole number of at least 1.</summary>
    public static int? FromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(OverrideVariable);
        if (string.IsNullOrWhiteSpace(text))
            return null;
        return int.TryParse(text, out int value) && value >= 1
            ? value
            : throw new ArgumentException($"{OverrideVariable} is '{text}'; expected a whole number of threads, at least 1.");
    }
}
