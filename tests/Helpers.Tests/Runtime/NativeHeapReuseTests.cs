using NotebookCourse.Helpers.Runtime;

namespace NotebookCourse.Helpers.Tests.Runtime;

public class NativeHeapReuseTests
{
    static Func<string, string?> Environment(params (string Name, string Value)[] set) =>
        name => set.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Applies_on_linux_unless_turned_off_or_tuned_by_the_user()
    {
        var (apply, status) = NativeHeapReuse.Choose(true, Environment());
        Assert.True(apply);
        Assert.StartsWith("on:", status);

        Assert.False(NativeHeapReuse.Choose(false, Environment()).Apply);
        var off = NativeHeapReuse.Choose(true, Environment((NativeHeapReuse.OverrideVariable, "system")));
        Assert.False(off.Apply);
        Assert.Contains("glibc's defaults", off.Status);
        var tuned = NativeHeapReuse.Choose(true, Environment(("MALLOC_TRIM_THRESHOLD_", "1000")));
        Assert.False(tuned.Apply);
        Assert.Contains("MALLOC_TRIM_THRESHOLD_", tuned.Status);
        Assert.False(NativeHeapReuse.Choose(true, Environment(("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1"))).Apply);
        Assert.True(NativeHeapReuse.Choose(true, Environment(("GLIBC_TUNABLES", "glibc.rtld.optional_static_tls=4096"))).Apply);
    }

    [Fact]
    public void A_bad_override_names_the_variable_and_the_valid_values()
    {
        var error = Assert.Throws<ArgumentException>(() => NativeHeapReuse.Choose(true, Environment((NativeHeapReuse.OverrideVariable, "off"))));
        Assert.Contains($"{NativeHeapReuse.OverrideVariable} is 'off'", error.Message);
        Assert.Contains("'system'", error.Message);
    }

    [Fact]
    public void Loading_the_backend_applies_it_and_the_report_says_so()
    {
        NativeBackend.EnsureLoaded();
        Assert.NotNull(NativeHeapReuse.Status);
        // The test process starts without allocator settings (CI and dotnet test set none), so on Linux it is on.
        if (OperatingSystem.IsLinux() && NativeHeapReuse.Choose(true, System.Environment.GetEnvironmentVariable).Apply)
            Assert.True(NativeHeapReuse.Active, NativeHeapReuse.Status);
        Assert.Equal(NativeHeapReuse.Status, EnvironmentReport.Collect()["Native heap"].Detail);
    }
}
