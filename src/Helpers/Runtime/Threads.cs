using TorchSharp;

namespace NotebookCourse.Helpers.Runtime;

/// <summary>How many CPU threads TorchSharp's operators use.</summary>
public static class Threads
{
    /// <summary>Overrides the default thread count (<see cref="Default"/>).</summary>
    public const string OverrideVariable = ThreadCount.OverrideVariable;

    /// <inheritdoc cref="ThreadCount.Default"/>
    public static int Default(int cores) => ThreadCount.Default(cores);

    /// <summary>Sets the thread count: <paramref name="count"/>, else <see cref="OverrideVariable"/>, else <see cref="Default"/>. Returns it.</summary>
    public static int Set(int? count = null)
    {
        NativeBackend.EnsureLoaded();
        int chosen = count ?? ThreadCount.ForThisMachine();
        if (chosen < 1)
            throw new ArgumentOutOfRangeException(nameof(count), chosen, "Thread count must be at least 1.");
        torch.set_num_threads(chosen);
        return torch.get_num_threads();
    }
}
