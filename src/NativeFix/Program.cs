using NotebookCourse.Helpers.Runtime.NativeLibraries;

// Usage: NotebookCourse.NativeFix <path to libLibTorchSharp.so>...
// Prints one line per library it changes and nothing otherwise, so builds on current hosts stay quiet.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: NotebookCourse.NativeFix <libLibTorchSharp.so>...");
    return 2;
}

try
{
    var host = LibstdcxxCompatibility.FindHostLibstdcxx()
        ?? throw new InvalidOperationException($"No {LibstdcxxCompatibility.Soname} could be loaded on this machine; install the C++ runtime (Debian/Ubuntu: apt-get install libstdc++6).");
    foreach (var library in args)
    {
        if (LibstdcxxCompatibility.EnsureLoadable(library, host) == LibstdcxxFixOutcome.Applied)
            Console.WriteLine($"NotebookCourse: {host} lacks {LibstdcxxCompatibility.RequiredVersion}; marked that requirement weak in {library} so TorchSharp loads (README: native library loading).");
    }
    return 0;
}
catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error NCNATIVE: libstdc++ compatibility fix failed: {e.Message}");
    return 1;
}
