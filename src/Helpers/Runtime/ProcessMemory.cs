namespace NotebookCourse.Helpers.Runtime;

/// <summary>The process's resident memory: what a model really occupies, native tensors included.</summary>
public static class ProcessMemory
{
    /// <summary>Resident set size in bytes (Linux: /proc/self/statm; elsewhere the working set).</summary>
    public static long ResidentBytes()
    {
        if (OperatingSystem.IsLinux() && File.Exists("/proc/self/statm"))
        {
            var fields = File.ReadAllText("/proc/self/statm").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 1 && long.TryParse(fields[1], out long pages))
                return pages * Environment.SystemPageSize;
        }
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }

    /// <summary>
    /// Resident bytes after a full garbage collection (finalizers free native tensors) that returns the collector's free
    /// memory, and, with glibc, after returning freed native memory too. Otherwise memory freed earlier is returned at
    /// some later moment, or reused by new tensors without growing, and a growth measured from here comes out wrong.
    /// Not covered: memory the runtime returns on its own schedule. .NET keeps up to 16 MB that its JIT compiler freed
    /// and returns it on a finalizer pass at most every 2 s, so a growth between two readings can come out a few MB
    /// low now and then; a growth over many models (a slope) or the median of repeated runs is not affected.
    /// </summary>
    public static long ResidentBytesAfterCollection()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        // Aggressive: the collector also gives its free memory back, instead of keeping it for later allocations.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeapReuse.ReturnFreedMemory();
        return ResidentBytes();
    }
}
