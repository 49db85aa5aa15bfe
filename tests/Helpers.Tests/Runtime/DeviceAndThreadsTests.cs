using NotebookCourse.Helpers.Runtime;
using TorchSharp;

namespace NotebookCourse.Helpers.Tests.Runtime;

[Collection(ProcessEnvironmentCollection.Name)]
public class DeviceAndThreadsTests
{
    [Fact]
    public void The_device_is_cuda_exactly_when_cuda_is_available()
    {
        EnvironmentVariables.With(ComputeDevice.OverrideVariable, null, () =>
        {
            var expected = torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU;
            Assert.Equal(expected, ComputeDevice.Choose().type);
        });
    }

    [Fact]
    public void The_cpu_can_be_forced_and_a_bad_override_names_the_valid_values()
    {
        EnvironmentVariables.With(ComputeDevice.OverrideVariable, "cpu", () => Assert.Equal(DeviceType.CPU, ComputeDevice.Choose().type));
        EnvironmentVariables.With(ComputeDevice.OverrideVariable, "gpu", () =>
        {
            var error = Assert.Throws<ArgumentException>(ComputeDevice.Choose);
            Assert.Contains("'gpu'", error.Message);
            Assert.Contains("expected 'cpu' or 'cuda'", error.Message);
        });
    }

    [Fact]
    public void Asking_for_cuda_without_a_gpu_fails_and_says_how_to_fix_it()
    {
        NativeBackend.EnsureLoaded();
        Assert.SkipWhen(torch.cuda.is_available(), "a CUDA device is present");
        EnvironmentVariables.With(ComputeDevice.OverrideVariable, "cuda", () =>
        {
            var error = Assert.Throws<InvalidOperationException>(ComputeDevice.Choose);
            Assert.Contains("no CUDA device is available", error.Message);
        });
    }

    [Fact, Trait(Traits.Category, Traits.Gpu)]
    public void On_a_gpu_a_matrix_product_matches_the_cpu()
    {
        NativeBackend.EnsureLoaded();
        Assert.SkipUnless(torch.cuda.is_available(), "no CUDA device on this machine (GPU test)");
        torch.manual_seed(3);
        using var a = torch.randn(64, 32);
        using var b = torch.randn(32, 16);
        using var onCpu = a.matmul(b);
        using var onGpu = a.cuda().matmul(b.cuda()).cpu();
        Assert.True(onCpu.allclose(onGpu, rtol: 1e-4, atol: 1e-4));
    }

    [Fact]
    public void Threads_are_set_as_asked_and_bad_counts_are_refused()
    {
        EnvironmentVariables.With(Threads.OverrideVariable, null, () =>
        {
            Assert.Equal(1, Threads.Set(1));
            Assert.Equal(1, torch.get_num_threads());
            Assert.Throws<ArgumentOutOfRangeException>(() => Threads.Set(0));
        });
        EnvironmentVariables.With(Threads.OverrideVariable, "two", () =>
        {
            var error = Assert.Throws<ArgumentException>(() => Threads.Set());
            Assert.Contains("COURSE_THREADS is 'two'", error.Message);
        });
        EnvironmentVariables.With(Threads.OverrideVariable, "2", () => Assert.Equal(2, Threads.Set()));
    }

    [Fact]
    public void The_default_leaves_one_core_free_and_uses_at_least_one_thread()
    {
        Assert.Equal(1, Threads.Default(1));
        Assert.Equal(1, Threads.Default(2));
        Assert.Equal(7, Threads.Default(8));
        EnvironmentVariables.With(Threads.OverrideVariable, null, () => Assert.Equal(Threads.Default(Environment.ProcessorCount), Threads.Set()));
    }
}
