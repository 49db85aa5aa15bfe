using NotebookCourse.Helpers.Runtime;
using NotebookCourse.Helpers.Runtime.NativeLibraries;
using TorchSharp;

namespace NotebookCourse.Helpers.Tests.Runtime;

public class NativeLoadTests
{
    [Fact]
    public void TorchSharp_loads_and_computes_in_the_test_process()
    {
        NativeBackend.EnsureLoaded();
        using var a = torch.tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        using var b = torch.tensor(new float[] { 5, 6, 7, 8 }).reshape(2, 2);
        using var product = a.matmul(b);
        // [[1*5+2*7, 1*6+2*8], [3*5+4*7, 3*6+4*8]]
        Assert.Equal(new float[] { 19, 22, 43, 50 }, product.data<float>().ToArray());
    }

    [Fact]
    public void The_loaded_native_libraries_are_the_ones_in_this_build_output()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "needs /proc/self/maps (Linux)");
        NativeBackend.EnsureLoaded();
        var output = Path.GetFullPath(AppContext.BaseDirectory);
        foreach (var name in new[] { "libLibTorchSharp.so", "libtorch_cpu.so" })
        {
            // Tests that prove the libstdc++ fix load their own copies from the test temp folder; those don't count.
            var loaded = Assert.Single(LoadedNativeLibraries.Find(name), p => !p.StartsWith(TestPaths.TemporaryRoot, StringComparison.Ordinal));
            Assert.StartsWith(output, loaded);
        }
    }
}
