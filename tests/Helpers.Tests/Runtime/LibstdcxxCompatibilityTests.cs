using System.Runtime.InteropServices;
using NotebookCourse.Helpers.Runtime.NativeLibraries;

namespace NotebookCourse.Helpers.Tests.Runtime;

// The fix concerns Linux ELF libraries; each test that needs Linux skips elsewhere.
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class LibstdcxxCompatibilityTests
{
    static string HostLibstdcxx => LibstdcxxCompatibility.FindHostLibstdcxx() ?? throw new InvalidOperationException("no libstdc++ here");

    static void RequireLinuxWithPackage()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the fix concerns Linux ELF libraries");
        Assert.SkipUnless(File.Exists(TestPaths.PristineLibTorchSharp), $"no NuGet copy of TorchSharp at {TestPaths.PristineLibTorchSharp}");
    }

    static string CopyOfPristine(string folder)
    {
        var copy = Path.Combine(folder, "libLibTorchSharp.so");
        File.Copy(TestPaths.PristineLibTorchSharp, copy);
        return copy;
    }

    [Fact]
    public void The_packaged_library_requires_GLIBCXX_3_4_32_from_libstdcxx_and_not_weakly()
    {
        RequireLinuxWithPackage();
        var requirement = Assert.Single(ElfSymbolVersions.ReadRequirements(TestPaths.PristineLibTorchSharp), r => r.Version == "GLIBCXX_3.4.32");
        Assert.Equal("libstdc++.so.6", requirement.File);
        Assert.False(requirement.IsWeak);
    }

    [Fact]
    public void Marking_weak_changes_only_that_flag_keeps_mode_and_time_and_is_idempotent()
    {
        RequireLinuxWithPackage();
        var copy = CopyOfPristine(TestPaths.NewTemporaryFolder());
        var before = File.ReadAllBytes(copy);
        var mode = File.GetUnixFileMode(copy);
        var time = File.GetLastWriteTimeUtc(copy);

        Assert.True(ElfSymbolVersions.MarkRequirementWeak(copy, "GLIBCXX_3.4.32"));
        var after = File.ReadAllBytes(copy);
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToList();
        var requirement = Assert.Single(ElfSymbolVersions.ReadRequirements(copy), r => r.Version == "GLIBCXX_3.4.32");
        Assert.True(requirement.IsWeak);
        // Only the low byte of vna_flags: 0x0000 -> 0x0002.
        Assert.Equal([requirement.FlagsOffset], changed.Select(i => (long)i));
        Assert.Equal(mode, File.GetUnixFileMode(copy));
        Assert.Equal(time, File.GetLastWriteTimeUtc(copy));
        // Every other requirement is untouched.
        Assert.Equal(
            ElfSymbolVersions.ReadRequirements(TestPaths.PristineLibTorchSharp).Where(r => r.Version != "GLIBCXX_3.4.32"),
            ElfSymbolVersions.ReadRequirements(copy).Where(r => r.Version != "GLIBCXX_3.4.32"));

        Assert.False(ElfSymbolVersions.MarkRequirementWeak(copy, "GLIBCXX_3.4.32"));
        Assert.Equal(after, File.ReadAllBytes(copy));
    }

    [Fact]
    public void EnsureLoadable_applies_the_fix_only_where_the_host_lacks_the_version()
    {
        RequireLinuxWithPackage();
        var copy = CopyOfPristine(TestPaths.NewTemporaryFolder());
        // A "host libstdc++" that defines no GLIBCXX versions stands for an old one.
        var oldHost = TestPaths.PristineLibTorchSharp;
        Assert.Equal(LibstdcxxFixOutcome.Applied, LibstdcxxCompatibility.EnsureLoadable(copy, oldHost));
        Assert.Equal(LibstdcxxFixOutcome.AlreadyApplied, LibstdcxxCompatibility.EnsureLoadable(copy, oldHost));

        var expectedOnThisHost = LibstdcxxCompatibility.Provides(HostLibstdcxx) ? LibstdcxxFixOutcome.NotNeeded : LibstdcxxFixOutcome.Applied;
        Assert.Equal(expectedOnThisHost, LibstdcxxCompatibility.EnsureLoadable(CopyOfPristine(TestPaths.NewTemporaryFolder()), HostLibstdcxx));
    }

    [Fact]
    public void The_build_output_of_this_test_project_carries_the_fix_where_the_host_needs_it()
    {
        RequireLinuxWithPackage();
        var output = Directory.EnumerateFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(output);
        bool hostHasVersion = LibstdcxxCompatibility.Provides(HostLibstdcxx);
        foreach (var library in output)
            Assert.True(hostHasVersion || LibstdcxxCompatibility.IsWeakOrAbsent(library), $"{library} still requires GLIBCXX_3.4.32 strictly on a host without it");
    }

    [Fact]
    public void Without_the_fix_the_library_fails_to_load_here_and_with_it_it_loads()
    {
        RequireLinuxWithPackage();
        Assert.SkipWhen(LibstdcxxCompatibility.Provides(HostLibstdcxx), $"{HostLibstdcxx} has GLIBCXX_3.4.32, so the unfixed library loads too");
        // libtorch is mapped already, so the copies' other dependencies resolve by soname.
        NotebookCourse.Helpers.Runtime.NativeBackend.EnsureLoaded();

        var unfixed = CopyOfPristine(TestPaths.NewTemporaryFolder());
        var error = Assert.Throws<DllNotFoundException>(() => NativeLibrary.Load(unfixed));
        Assert.Contains("GLIBCXX_3.4.32", error.Message);

        var fixedCopy = CopyOfPristine(TestPaths.NewTemporaryFolder());
        Assert.True(ElfSymbolVersions.MarkRequirementWeak(fixedCopy, "GLIBCXX_3.4.32"));
        var handle = NativeLibrary.Load(fixedCopy);
        Assert.NotEqual(IntPtr.Zero, NativeLibrary.GetExport(handle, "THSTorch_manual_seed"));
    }

    [Fact]
    public void Files_that_are_not_64_bit_ELF_are_refused_with_the_path_in_the_message()
    {
        var folder = TestPaths.NewTemporaryFolder();
        var text = Path.Combine(folder, "not-elf.so");
        File.WriteAllText(text, new string('x', 100));
        var notElf = Assert.Throws<InvalidDataException>(() => ElfSymbolVersions.ReadRequirements(text));
        Assert.Contains(text, notElf.Message);
        Assert.Contains("not an ELF file", notElf.Message);

        Assert.SkipUnless(File.Exists(TestPaths.PristineLibTorchSharp), "no NuGet copy of TorchSharp to truncate");
        var truncated = Path.Combine(folder, "truncated.so");
        File.WriteAllBytes(truncated, File.ReadAllBytes(TestPaths.PristineLibTorchSharp).AsSpan(0, 4096).ToArray());
        var corrupt = Assert.Throws<InvalidDataException>(() => ElfSymbolVersions.ReadRequirements(truncated));
        Assert.Contains("truncated or corrupt", corrupt.Message);

        Assert.Throws<FileNotFoundException>(() => ElfSymbolVersions.ReadRequirements(Path.Combine(folder, "missing.so")));
    }
}
