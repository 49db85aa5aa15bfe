using System.Runtime.InteropServices;

namespace NotebookCourse.Helpers.Runtime;

/// <summary>
/// Keeps freed tensor memory in the process for the next tensor instead of handing it back to the system. libtorch
/// takes CPU tensors from malloc; glibc serves large blocks with mmap and returns them on free, so a training step
/// that makes the same 30 MB tensors every step touches fresh pages every step. Where a first touch is slow (virtual
/// machines), that was most of the original model's backward pass (benchmarks/Changes.md). Applied once, by
/// <see cref="NativeBackend.EnsureLoaded"/>, on Linux with glibc; memory a lesson has used stays with its process
/// until it exits instead of shrinking after each step.
/// </summary>
public static class NativeHeapReuse
{
    /// <summary>Set to "system" to keep glibc's defaults.</summary>
    public const string OverrideVariable = "COURSE_NATIVE_HEAP";

    const int MallocTrimThreshold = -1; // M_TRIM_THRESHOLD
    const int MallocTopPad = -2;        // M_TOP_PAD
    const int MallocMmapMax = -4;       // M_MMAP_MAX
    const int GlibcTrimThreshold = 128 * 1024;   // glibc's default M_TRIM_THRESHOLD
    const int GlibcTopPad = 128 * 1024;          // glibc's default M_TOP_PAD
    const int KeptTopPad = 64 << 20;             // glibc's heap size for threads other than the main one (64-bit)

    static readonly Lock trimLock = new();

    static string? status;

    /// <summary>What was done, for the environment report; null before <see cref="Apply"/>.</summary>
    public static string? Status => status;

    /// <summary>Whether freed blocks are kept for reuse in this process.</summary>
    public static bool Active { get; private set; }

    /// <summary>Applies the setting once per process (later calls return the first outcome). Returns what was done.</summary>
    public static string Apply()
    {
        if (status is not null)
            return status;
        status = Decide();
        return status;
    }

    static string Decide()
    {
        var choice = Choose(OperatingSystem.IsLinux(), Environment.GetEnvironmentVariable);
        if (!choice.Apply)
            return choice.Status;
        try
        {
            // Large blocks from the heap, not mmap, and the heap's free top kept rather than trimmed. Another thread's
            // allocations come from heaps of 64 MB, and glibc unmaps such a heap whenever it is wholly free unless the
            // top pad is at least the heap size: without it, lesson 2 touched 3 to 4 GB of fresh pages, with it 0.6 GB.
            if (mallopt(MallocMmapMax, 0) != 1 || mallopt(MallocTrimThreshold, int.MaxValue) != 1 || mallopt(MallocTopPad, KeptTopPad) != 1)
                return "not applied: glibc refused mallopt";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return "not applied: the C library has no mallopt (not glibc)";
        }
        Active = true;
        return choice.Status;
    }

    /// <summary>
    /// Gives the process's free native memory back to the system, so that a resident size read next counts what is in
    /// use. glibc's malloc_trim does that for free blocks in every arena and for the top of the main thread's heap, but
    /// not for the top of the heap another thread allocates from (lessons run on one). With the reuse on, that top is
    /// never trimmed, and a new tensor there does not grow the resident size (lesson 4's copies came out at two thirds
    /// of a table each). Freeing a large block on this thread while the trim threshold and top pad are glibc's
    /// defaults trims it.
    /// </summary>
    internal static void ReturnFreedMemory()
    {
        if (!OperatingSystem.IsLinux())
            return;
        try
        {
            lock (trimLock)
            {
                if (Active)
                {
                    mallopt(MallocTrimThreshold, GlibcTrimThreshold);
                    mallopt(MallocTopPad, GlibcTopPad);
                    try
                    {
                        Marshal.FreeHGlobal(Marshal.AllocHGlobal(4 * GlibcTrimThreshold));   // malloc and free on Unix
                    }
                    finally
                    {
                        mallopt(MallocTrimThreshold, int.MaxValue);
                        mallopt(MallocTopPad, KeptTopPad);
                    }
                }
                malloc_trim(0);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl): nothing to trim with; a growth measured after this is then a lower bound.
        }
    }

    /// <summary>Whether to change glibc's settings on this OS with these environment variables, and the report's line if so.</summary>
    internal static (bool Apply, string Status) Choose(bool isLinux, Func<string, string?> variable)
    {
        if (!isLinux)
            return (false, "not needed on this OS (the setting is for glibc on Linux)");
        string? choice = variable(OverrideVariable);
        if (string.Equals(choice, "system", StringComparison.OrdinalIgnoreCase))
            return (false, $"off ({OverrideVariable}=system): glibc's defaults, large blocks returned to the system on free");
        if (!string.IsNullOrEmpty(choice))
            throw new ArgumentException($"{OverrideVariable} is '{choice}'; expected 'system' (glibc's defaults) or unset (freed memory reused).");
        // Someone tuning glibc's allocator themselves keeps their settings.
        foreach (var name in new[] { "MALLOC_MMAP_MAX_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_" })
            if (variable(name) is not null)
                return (false, $"left to the environment ({name} is set)");
        if (variable("GLIBC_TUNABLES")?.Contains("glibc.malloc.", StringComparison.Ordinal) == true)
            return (false, "left to the environment (GLIBC_TUNABLES sets glibc.malloc)");
        return (true, $"on: freed tensor memory is kept for reuse, returned to the system when the process ends (set {OverrideVariable}=system for glibc's defaults)");
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    static extern int malloc_trim(nuint pad);

    [DllImport("libc", EntryPoint = "mallopt")]
    static extern int mallopt(int parameter, int value);
}
