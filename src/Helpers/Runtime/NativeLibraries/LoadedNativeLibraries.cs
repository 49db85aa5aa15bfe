using System.Runtime.InteropServices;

namespace NotebookCourse.Helpers.Runtime.NativeLibraries;

/// <summary>Which native library files this process has actually mapped (Linux: <c>/proc/self/maps</c>).</summary>
public static class LoadedNativeLibraries
{
    /// <summary>Paths of mapped files whose name starts with <paramref name="fileNamePrefix"/>; empty where this cannot be known.</summary>
    public static IReadOnlyList<string> Find(string fileNamePrefix)
    {
        const string maps = "/proc/self/maps";
        if (!OperatingSystem.IsLinux() || !File.Exists(maps))
            return [];
        return File.ReadLines(maps)
            .Select(line => line.IndexOf('/') is var slash and >= 0 ? line[slash..].Trim() : null)
            .Where(path => path is not null && Path.GetFileName(path).StartsWith(fileNamePrefix, StringComparison.Ordinal))
            .Select(path => path!)
            .Distinct()
            .ToList();
    }

    /// <summary>
    /// The file the dynamic loader uses for <paramref name="soname"/> in this process: the one already mapped,
    /// else the one that loading it by name maps. Null when it cannot be loaded.
    /// </summary>
    public static string? Resolve(string soname)
    {
        var loaded = Find(soname);
        if (loaded.Count > 0)
            return loaded[0];
        if (!NativeLibrary.TryLoad(soname, out _))
            return null;
        return Find(soname).FirstOrDefault();
    }
}
