using System.Diagnostics;
using System.Globalization;
using System.Text;
using NotebookCourse.Benchmarks;
using NotebookCourse.Helpers.Embeddings;
using NotebookCourse.Helpers.Runtime;

// dotnet run -c Release --project benchmarks [-- --out FILE] [--quick]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string root = CoursePaths.RepositoryRoot ?? Directory.GetCurrentDirectory();
string output = Path.Combine(root, "docs", "results", "performance.md");
bool quick = false;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--out" && i + 1 < args.Length)
        output = Path.GetFullPath(args[++i]);
    else if (args[i] == "--quick")
        quick = true;
    else
    {
        Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: dotnet run -c Release --project benchmarks [-- --out FILE] [--quick]");
        return 2;
    }
}

var runtime = CourseRuntime.Start(1);
string peerScript = Path.Combine(root, "benchmarks", "pytorch_peer.py");
var measurement = quick ? new Measurement { MinSeconds = 0.3, MinRuns = 3, WarmupRuns = 1 } : new Measurement();
int cores = Environment.ProcessorCount;
var clock = Stopwatch.StartNew();
void Log(string message) => Console.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0} s] {message}");

var results = new List<WorkloadResult>();
var byThreads = new List<(int Threads, MachineLimits Limits, List<WorkloadResult> Steps)>();
foreach (int threads in cores > 1 ? new[] { cores, 1 } : new[] { 1 })
{
    Threads.Set(threads);
    Log($"{threads} thread(s): machine limits");
    var limits = MachineLimits.Measure(measurement, threads);
    var workloads = new Workloads(measurement, limits);
    var steps = new List<WorkloadResult>();
    Log("the original model's step (20,000 x 300, length 1,100, batch 32)");
    var original = workloads.FlattenDenseStep("original model (lesson 2, 20 Newsgroups)", 20_000, 1100, 300, 32, 141, PadHandling.LearnedPad).ToList();
    var zeroed = workloads.FlattenDenseStep("original model, pads zeroed (padding_idx)", 20_000, 1100, 300, 32, 141, PadHandling.PaddingIdx).ToList();
    steps.AddRange(original);
    steps.AddRange(zeroed);
    steps.AddRange(workloads.FlattenDenseStep("original model with TorchSharp's optim.Adam (before InPlaceAdam)", 20_000, 1100, 300, 32, 141, PadHandling.LearnedPad, torchSharpAdam: true));
    if (PyTorchPeer.Version is not null)
    {
        Log($"the same step in PyTorch {PyTorchPeer.Version}");
        steps.AddRange(PyTorchPeer.Run(peerScript, measurement, original, paddingIdx: false));
        steps.AddRange(PyTorchPeer.Run(peerScript, measurement, zeroed, paddingIdx: true));
    }
    Log("lesson 2's default step (5,000 x 50, length 300)");
    steps.AddRange(workloads.FlattenDenseStep("lesson 2 defaults", 5_000, 300, 50, 32, 60, PadHandling.LearnedPad));
    Log("lessons 1, 3 and 4's steps");
    steps.AddRange(workloads.LessonSteps());
    Log("lesson 5's step");
    steps.AddRange(workloads.Lesson5Step("lesson 5 defaults"));
    byThreads.Add((threads, limits, steps));
    if (threads != cores)
        continue;
    results.AddRange(steps);
    Log("lookup against one-hot");
    results.AddRange(workloads.LookupAgainstOneHot());
    Log("masked LSTM");
    results.AddRange(workloads.MaskedLstmAgainstFull());
    Log("poolings");
    results.AddRange(workloads.Poolings());
    Log("trainer overhead");
    results.AddRange(workloads.TrainerOverhead());
}
Threads.Set(cores);
Log("one epoch of the original model on 20 Newsgroups, when prepared");
var epoch = Workloads.TwentyNewsgroupsEpoch();
Log("resident memory over 1,000 steps");
var memory = new Workloads(measurement, byThreads[0].Limits).ResidentOverSteps(quick ? 300 : 1000);
var paddedMemory = new Workloads(measurement, byThreads[0].Limits).ResidentOverPaddedSteps(quick ? 300 : 1000);

var report = new StringBuilder();
var main = byThreads[0];
string commit = (Git("rev-parse --short HEAD") ?? "unknown") + (Git("status --porcelain --untracked-files=no") is null ? "" : " with uncommitted changes");
report.AppendLine("# Performance: each workload against this machine's limits");
report.AppendLine();
report.AppendLine($"Written by `dotnet run -c Release --project benchmarks` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, commit `{commit}`{(quick ? ", with --quick (short timings)" : "")}, in {clock.Elapsed.TotalSeconds:0} s.");
report.AppendLine();
report.AppendLine($"- Machine: {CpuModel()}, {cores} logical cores, {LastLevelCache()}{MemoryGiB():0.#} GiB memory, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; .NET {Environment.Version}; device {runtime.Device.type.ToString().ToLowerInvariant()}, seed {runtime.Seed}, {runtime.Backend} build; timed at {string.Join(" and ", byThreads.Select(t => $"{t.Threads} thread{(t.Threads == 1 ? "" : "s")}"))}.");
report.AppendLine($"- Limits measured with TorchSharp in this run: fp32 matrix product (2048 x 2048) and a 256 MB tensor copy (read + write).");
report.AppendLine();
report.AppendLine("| threads | GEMM GFLOP/s | memory GB/s |");
report.AppendLine("|---|---|---|");
foreach (var (threads, limits, _) in byThreads)
    report.AppendLine($"| {threads} | {limits.GemmFlopsPerSecond / 1e9:0.#} | {limits.BytesPerSecond / 1e9:0.#} |");
report.AppendLine();
report.AppendLine("Each workload's time is the median of its runs (the spread is the first to third quartile). Its lower bound is its FLOPs at the measured GEMM rate plus its bytes at the measured bandwidth, both counted from the shapes (notes below); the ratio is time / lower bound. Ratios, not times, compare across machines: 1 is the machine's limit.");
report.AppendLine();
report.AppendLine($"## Workloads ({main.Threads} threads)");
report.AppendLine();
report.AppendLine("| group | workload | median ms | spread ms | GFLOP | MB | lower bound ms | ratio |");
report.AppendLine("|---|---|---|---|---|---|---|---|");
foreach (var r in results)
    report.AppendLine($"| {r.Group} | {r.Name}{(r.Note.Length > 0 ? $" ({r.Note})" : "")} | {Ms(r.Time.Median)} | {Ms(r.Time.Q1)} to {Ms(r.Time.Q3)} | {r.Flops / 1e9:0.###} | {r.Bytes / 1e6:0.#} | {Ms(r.LowerBound)} | {r.Ratio:0.#} |");
report.AppendLine();
report.AppendLine("## Whole training steps, and what they make an epoch");
report.AppendLine();
report.AppendLine("| group | " + string.Join(" | ", byThreads.Select(t => $"{t.Threads} thread(s): step ms (ratio)")) + " |");
report.AppendLine("|---|" + string.Concat(byThreads.Select(_ => "---|")));
foreach (var group in main.Steps.Select(s => s.Group).Distinct())
{
    var cells = byThreads.Select(t =>
    {
        var parts = t.Steps.Where(s => s.Group == group).ToList();
        double time = parts.Sum(p => p.Time.Median), bound = parts.Sum(p => p.LowerBound);
        return $"{Ms(time)} ({time / bound:0.#})";
    });
    report.AppendLine($"| {group} | {string.Join(" | ", cells)} |");
}
report.AppendLine();
double originalStep = main.Steps.Where(s => s.Group.StartsWith("original model (")).Sum(s => s.Time.Median);
double originalBound = main.Steps.Where(s => s.Group.StartsWith("original model (")).Sum(s => s.LowerBound);
const int epochSteps = (15_077 + 31) / 32;
report.AppendLine($"The original model's epoch on 20 Newsgroups ({epochSteps} steps of 32 from 15,077 training posts): about {originalStep * epochSteps:0} s from the step alone at {main.Threads} threads, against a lower bound of {originalBound * epochSteps:0.#} s (target: at most 25 s, and the step within 1.5 times its bound).");
report.AppendLine(epoch is { } measured
    ? $"Measured in this run: one epoch of that model on 20 Newsgroups through the course's trainer (the lesson's settings and seed 42, validation pass on 3,769 posts included) took {measured.Seconds:0.#} s at {measured.Threads} threads; validation accuracy after it {measured.ValidationAccuracy:P1}."
    : "One real 20 Newsgroups epoch is measured when the data set is prepared (README, Real data sets); it was not, so this run did not.");
var peerStep = main.Steps.Where(s => s.Group.StartsWith("original model in PyTorch", StringComparison.Ordinal) && !s.Group.Contains("padding_idx")).ToList();
if (peerStep.Count > 0)
    report.AppendLine($"The same step in PyTorch, in this run: {Ms(peerStep.Sum(s => s.Time.Median))} ms ({peerStep.Sum(s => s.Time.Median) / peerStep.Sum(s => s.LowerBound):0.#} times the bound), an epoch of about {peerStep.Sum(s => s.Time.Median) * epochSteps:0} s.");
report.AppendLine();
report.AppendLine("## Native memory");
report.AppendLine();
report.AppendLine($"Resident memory while training lesson 5's model step by step (each step in its own dispose scope): {memory.After100 / 1e6:0.#} MB after 100 steps, {memory.After1000 / 1e6:0.#} MB after {(quick ? 300 : 1000)} (growth {(memory.After1000 - memory.After100) / 1e6:0.#} MB).");
report.AppendLine();
report.AppendLine($"The same for lesson 2's model at its defaults, whose lookup has the course's own backward: {paddedMemory.After100 / 1e6:0.#} MB after 100 steps, {paddedMemory.After1000 / 1e6:0.#} MB after {(quick ? 300 : 1000)} (growth {(paddedMemory.After1000 - paddedMemory.After100) / 1e6:0.#} MB).");
report.AppendLine();
string changes = Path.Combine(root, "benchmarks", "Changes.md");
if (File.Exists(changes))
{
    report.AppendLine("## Changes and what they bought");
    report.AppendLine();
    report.AppendLine(File.ReadAllText(changes).TrimEnd());
    report.AppendLine();
}
report.AppendLine("## Notes");
report.AppendLine();
report.AppendLine("- FLOPs and bytes are counted from the shapes, as a lower bound: each tensor an operation must read or write is counted once per operation, caches are ignored, and a multiply-add is 2 FLOPs. Forward of flatten + dense: 2·B·(T·d)·H FLOPs; backward twice that; bytes: the activations (B·T·d) read and written, the dense weights (T·d·H), and for the embedding's dense gradient the whole table written. Adam: 7 float reads and writes and about 10 FLOPs per parameter. The bandwidth is a copy of 256 MB, so it is memory's; a workload whose tensors stay partly in the processor's cache (its size is on the machine line) can run faster than its bound, a ratio below 1.");
report.AppendLine("- The LSTM's lower bound counts its gate products only (forward and backward about 3 times the forward); its time is dominated by one small operation per time step, which this bound does not see.");
report.AppendLine("- The trainer row is the time per batch that `Trainer.Fit` spends beyond a bare loop of the same steps (shuffled index selection, copies, loss and metric reads, callbacks); its lower bound is copying the batch once.");
report.AppendLine("- Timing: its own loop (warm-up, then runs for at least 2 s, median and quartiles) rather than BenchmarkDotNet: one training step is split into three phases timed inside the same run, each workload carries its FLOPs and bytes, and everything runs in one process with the course's native library set-up. Five warm-up runs, so a large step's tensors have settled in the reused heap (`NativeHeapReuse`); with glibc's defaults, big-tensor steps were bimodal here (glibc returned large blocks to the system and page-faulted them back on the next step).");
report.AppendLine("- PyTorch peer: " + (PyTorchPeer.Version is { } version
    ? $"Debian's `python3-torch` ({version}) runs the original model's step with the same shapes, phases, thread counts and timing loop (`benchmarks/pytorch_peer.py`, in the same run); its rows use the same FLOPs, bytes and measured limits as TorchSharp's. It is Debian's own 1.13 build (its BLAS and threading), not the wheels from pytorch.org, which a learner with pip would get; its numbers speak for that package."
    : "Debian's `python3-torch` is not installed here, so the PyTorch step is not measured (`apt-get install --no-install-recommends python3-torch`, then rerun; without that option apt also installs `libtorch-dev`, a system libtorch the course must not find)."));
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
File.WriteAllText(output, report.ToString());
Log($"wrote {output}");
return 0;

static string Ms(double seconds) => (seconds * 1e3).ToString(seconds * 1e3 < 10 ? "0.###" : "0.#", CultureInfo.InvariantCulture);

static string CpuModel() =>
    File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "unknown CPU" : "unknown CPU";

// The largest cache Linux reports for core 0 ("260 MiB L3 cache, "), or nothing where it reports none.
static string LastLevelCache()
{
    var folders = Directory.Exists("/sys/devices/system/cpu/cpu0/cache") ? Directory.GetDirectories("/sys/devices/system/cpu/cpu0/cache", "index*") : [];
    var largest = folders.Select(f => (Level: Read(f, "level"), Size: Read(f, "size"))).Where(c => c.Level is not null && c.Size is { Length: > 1 } && c.Size.EndsWith('K'))
        .Select(c => (c.Level, KiB: long.TryParse(c.Size![..^1], out var k) ? k : 0)).OrderByDescending(c => c.KiB).FirstOrDefault();
    return largest.KiB > 0 ? $"{largest.KiB / 1024.0:0.#} MiB L{largest.Level} cache, " : "";

    static string? Read(string folder, string name) => File.Exists(Path.Combine(folder, name)) ? File.ReadAllText(Path.Combine(folder, name)).Trim() : null;
}

static double MemoryGiB() =>
    File.Exists("/proc/meminfo") && File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:")) is { } line
        ? double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024 / 1024 : double.NaN;

static string? Git(string arguments) => Run("git", arguments);

static string? Run(string file, string arguments)
{
    try
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true });
        string text = process!.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 && text.Length > 0 ? text : null;
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return null;
    }
}
