using TorchSharp;

namespace NotebookCourse.Helpers.Runtime;

/// <summary>What a lesson runs on, as set by <see cref="CourseRuntime.Start"/>.</summary>
public sealed record RuntimeSettings(torch.Device Device, int Seed, int Threads, string Backend)
{
    public override string ToString() => $"device {Device.type.ToString().ToLowerInvariant()}, seed {Seed}, {Threads} thread{(Threads == 1 ? "" : "s")}, {Backend} build";
}

/// <summary>The first call of every lesson: loads TorchSharp, sets threads and seeds, chooses the device.</summary>
public static class CourseRuntime
{
    public static RuntimeSettings Start(int seed = 42, int? threads = null)
    {
        NativeBackend.EnsureLoaded();
        int threadCount = Threads.Set(threads);
        Seeds.Set(seed);
        return new RuntimeSettings(ComputeDevice.Choose(), seed, threadCount, NativeBackend.BuildBackend);
    }
}
