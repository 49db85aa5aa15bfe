namespace NotebookCourse.Helpers.Runtime.NativeLibraries;

/// <summary>What <see cref="LibstdcxxCompatibility.EnsureLoadable"/> found or did.</summary>
public enum LibstdcxxFixOutcome
{
    /// <summary>The host's libstdc++ has the version; nothing to do.</summary>
    NotNeeded,
    /// <summary>The library does not ask for the version at all.</summary>
    NotRequired,
    /// <summary>The requirement was weak already (an earlier build applied the fix).</summary>
    AlreadyApplied,
    /// <summary>The requirement has just been marked weak.</summary>
    Applied,
}

/// <summary>
/// TorchSharp 0.107.0's <c>libLibTorchSharp.so</c> requires <c>GLIBCXX_3.4.32</c> (GCC 13), which Debian 12 and
/// Ubuntu 22.04 lack. The only symbol bound to it, <c>std::ios_base_library_init</c>, has no relocation, so a
/// weak requirement loads and runs correctly on those hosts.
/// </summary>
public static class LibstdcxxCompatibility
{
    public const string RequiredVersion = "GLIBCXX_3.4.32";
    public const string Soname = "libstdc++.so.6";

    /// <summary>The libstdc++ file this process uses, or null where there is none.</summary>
    public static string? FindHostLibstdcxx() => LoadedNativeLibraries.Resolve(Soname);

    /// <summary>Whether the libstdc++ at <paramref name="libstdcxxPath"/> defines <see cref="RequiredVersion"/>.</summary>
    public static bool Provides(string libstdcxxPath) =>
        ElfSymbolVersions.ReadDefinitions(libstdcxxPath).Contains(RequiredVersion);

    /// <summary>Whether <paramref name="libraryPath"/> can load next to the host's libstdc++ as far as this version goes.</summary>
    public static bool IsWeakOrAbsent(string libraryPath) =>
        ElfSymbolVersions.ReadRequirements(libraryPath).Where(r => r.Version == RequiredVersion).All(r => r.IsWeak);

    /// <summary>
    /// Marks the <see cref="RequiredVersion"/> requirement of <paramref name="libraryPath"/> weak when the host's
    /// libstdc++ (<paramref name="hostLibstdcxx"/>, found when null) lacks it. Idempotent.
    /// </summary>
    public static LibstdcxxFixOutcome EnsureLoadable(string libraryPath, string? hostLibstdcxx = null)
    {
        hostLibstdcxx ??= FindHostLibstdcxx()
            ?? throw new InvalidOperationException($"No {Soname} could be loaded on this machine; install the C++ runtime (Debian/Ubuntu: apt-get install libstdc++6).");
        if (Provides(hostLibstdcxx))
            return LibstdcxxFixOutcome.NotNeeded;
        var requirements = ElfSymbolVersions.ReadRequirements(libraryPath).Where(r => r.Version == RequiredVersion).ToList();
        if (requirements.Count == 0)
            return LibstdcxxFixOutcome.NotRequired;
        return ElfSymbolVersions.MarkRequirementWeak(libraryPath, RequiredVersion)
            ? LibstdcxxFixOutcome.Applied
            : LibstdcxxFixOutcome.AlreadyApplied;
    }
}
