using TorchSharp;

namespace NotebookCourse.Helpers.Runtime;

/// <summary>How many CPU threads TorchSharp's operators use.</summary>
public static class Threads
{
    /// <summary>Overrides the default thread count (<see cref="Default"/>).</summary>
    public const string OverrideVariable = "COURSE_THREADS";

    /// <summary>
    /// All cores but one, at least one. The lessons' models are small: their operators are too short to gain from a
    /// second thread, and the core left free serves .NET (the runner or kernel, the GC). Whole lessons ran up to twice
    /// as fast this way on a 2-core machine (benchmarks/Changes.md).
    /// </summary>
    public static int Default(int cores) => Math.Max(1, cores - 1);

    /// <summary>Sets the thread count: <paramref name="count"/>, else <see cref="OverrideVariable"/>, else <see cref="Default"/>. Returns it.</summary>
    public static int Set(int? count = null)
    {
        NativeBackend.EnsureLoaded();
        int chosen = count ?? FromEnvironment() ?? Default(Environment.ProcessorCount);
        if (chosen < 1)
            throw new ArgumentOutOfRangeException(nameof(count), chosen, "Thread count must be at least 1.");
        torch.set_num_threads(chosen);
        return torch.get_num_threads();
    }

    static int? FromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(OverrideVariable);
        if (string.IsNullOrWhiteSpace(text))
            return null;
        return int.TryParse(text, out int value) && value >= 1
            ? value
            : throw new ArgumentException($"{OverrideVariable} is '{text}'; expected a whole number of threads, at least 1.");
    }
}
