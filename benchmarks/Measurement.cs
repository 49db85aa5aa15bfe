using System.Diagnostics;
using static TorchSharp.torch;

namespace NotebookCourse.Benchmarks;

/// <summary>
/// Times a workload: warm-up runs, then runs until <see cref="MinSeconds"/> have passed (at least <see cref="MinRuns"/>),
/// each in its own dispose scope; the median run time is reported, with the spread (first to third quartile).
/// </summary>
sealed class Measurement
{
    public double MinSeconds { get; init; } = 2;
    public int MinRuns { get; init; } = 5;
    // Five, so a large step's tensors have found their place in the reused heap before timing starts.
    public int WarmupRuns { get; init; } = 5;

    public Timing Time(Action run)
    {
        for (int i = 0; i < WarmupRuns; i++)
            Once(run);
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (times.Count < MinRuns || total.Elapsed.TotalSeconds < MinSeconds)
            times.Add(Once(run));
        return Timing.Of(times);
    }

    static double Once(Action run)
    {
        using var scope = NewDisposeScope();
        var clock = Stopwatch.StartNew();
        run();
        return clock.Elapsed.TotalSeconds;
    }
}

/// <summary>Median and quartiles of run times, in seconds.</summary>
sealed record Timing(double Median, double Q1, double Q3, int Runs)
{
    public static Timing Of(IReadOnlyList<double> seconds)
    {
        var sorted = seconds.Order().ToArray();
        double At(double q) => sorted[(int)Math.Round(q * (sorted.Length - 1))];
        return new Timing(At(0.5), At(0.25), At(0.75), sorted.Length);
    }
}

/// <summary>The machine's measured limits, with TorchSharp, at the thread count in use.</summary>
sealed record MachineLimits(double GemmFlopsPerSecond, double BytesPerSecond, int Threads)
{
    /// <summary>The time a workload of <paramref name="flops"/> and <paramref name="bytes"/> needs at best: FLOPs at the GEMM rate plus bytes at the bandwidth.</summary>
    public double LowerBound(double flops, double bytes) => flops / GemmFlopsPerSecond + bytes / BytesPerSecond;

    public static MachineLimits Measure(Measurement measurement, int threads)
    {
        // fp32 matrix product, large enough to run at the kernel's best rate on a CPU core.
        const int n = 2048;
        var a = randn(n, n);
        var b = randn(n, n);
        var gemm = measurement.Time(() => a.matmul(b));
        // Memory: copy a 256 MB tensor (read once, written once); far larger than any cache.
        const long elements = 64L * 1024 * 1024;
        var source = rand(elements);
        var target = empty(elements);
        var copy = measurement.Time(() => target.copy_(source));
        return new MachineLimits(2.0 * n * n * n / gemm.Median, 2.0 * elements * sizeof(float) / copy.Median, threads);
    }
}

/// <summary>One workload's result: its time and what its shapes say it must at least cost.</summary>
sealed record WorkloadResult(string Group, string Name, Timing Time, double Flops, double Bytes, MachineLimits Limits, string Note = "")
{
    public double LowerBound => Limits.LowerBound(Flops, Bytes);
    public double Ratio => Time.Median / LowerBound;
}
