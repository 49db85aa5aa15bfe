using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using NotebookCourse.Helpers.Data.RealData;
using NotebookCourse.Helpers.Runtime.NativeLibraries;
using TorchSharp;

namespace NotebookCourse.Helpers.Runtime;

public enum CheckStatus { Ok, Warn, Fail }

/// <summary>One line of the environment report.</summary>
/// <param name="Fix">What to do about a WARN or FAIL; null when nothing needs doing.</param>
public sealed record EnvironmentCheck(string Name, CheckStatus Status, string Detail, string? Fix = null);

/// <summary>
/// What the course runs on: .NET, OS, libstdc++ and the compatibility fix, TorchSharp and libtorch, backend,
/// device, threads, a system libtorch that could be loaded by mistake, and the real data sets present.
/// <c>course doctor</c> prints it; a notebook can display it.
/// </summary>
public sealed class EnvironmentReport
{
    public IReadOnlyList<EnvironmentCheck> Checks { get; }

    EnvironmentReport(IReadOnlyList<EnvironmentCheck> checks) => Checks = checks;

    public bool HasFailures => Checks.Any(c => c.Status == CheckStatus.Fail);

    public EnvironmentCheck this[string name] =>
        Checks.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"No check named '{name}'; checks: {string.Join(", ", Checks.Select(c => c.Name))}.");

    public static EnvironmentReport Collect()
    {
        var checks = new List<EnvironmentCheck>
        {
            new(".NET", CheckStatus.Ok, $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.ProcessArchitecture})"),
            new("OS", CheckStatus.Ok, RuntimeInformation.OSDescription),
        };
        var torchSharpFolder = Path.GetDirectoryName(typeof(torch).Assembly.Location) ?? "";
        var libTorchSharp = FindPackagedNative(torchSharpFolder, "libLibTorchSharp.so");
        if (OperatingSystem.IsLinux())
            checks.AddRange(LibstdcxxChecks(libTorchSharp));

        var heap = Guard(NativeHeapReuse.Apply);
        checks.Add(heap.Error is null
            ? new("Native heap", CheckStatus.Ok, heap.Value!)
            : new("Native heap", CheckStatus.Fail, heap.Error, $"Unset {NativeHeapReuse.OverrideVariable} or set it to 'system'."));
        var load = Guard(() =>
        {
            NativeBackend.EnsureLoaded();
            using var sum = torch.ones(2, 3).sum();
            float value = sum.item<float>();
            if (value != 6f)
                throw new InvalidOperationException($"ones(2, 3).sum() gave {value}, expected 6.");
            return "loads and computes";
        });
        var torchSharpVersion = typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
        checks.Add(load.Error is null
            ? new("TorchSharp", CheckStatus.Ok, $"{torchSharpVersion}, native library {load.Value} ({torchSharpFolder})")
            : new("TorchSharp", CheckStatus.Fail, $"{torchSharpVersion}: native library does not load: {load.Error}",
                heap.Error is null ? "Run 'dotnet build' at the repository root, then see README, 'Native library loading'." : "Fix the Native heap line first."));

        if (load.Error is null)
        {
            checks.Add(LibtorchCheck(torchSharpFolder));
            checks.Add(BackendAndDevice());
            checks.Add(new("Threads", CheckStatus.Ok, $"{torch.get_num_threads()} TorchSharp threads, {Environment.ProcessorCount} cores (set {Threads.OverrideVariable} to change)"));
        }
        if (OperatingSystem.IsLinux())
            checks.Add(SystemLibtorchCheck(torchSharpFolder));
        checks.Add(DataSetsCheck());
        return new EnvironmentReport(checks);
    }

    public string ToText()
    {
        var text = new StringBuilder();
        int width = Checks.Max(c => c.Name.Length);
        foreach (var check in Checks)
        {
            text.Append($"{Label(check.Status),-4} {check.Name.PadRight(width)}  {check.Detail}\n");
            if (check.Fix is not null)
                text.Append($"{"",-4} {"".PadRight(width)}  fix: {check.Fix}\n");
        }
        return text.ToString();
    }

    public override string ToString() => ToText();

    public string ToJson() => JsonSerializer.Serialize(Checks.Select(c => new { c.Name, Status = Label(c.Status), c.Detail, c.Fix }),
        new JsonSerializerOptions { WriteIndented = true });

    public static string Label(CheckStatus status) => status switch
    {
        CheckStatus.Ok => "OK",
        CheckStatus.Warn => "WARN",
        _ => "FAIL",
    };

    static IEnumerable<EnvironmentCheck> LibstdcxxChecks(string? libTorchSharp)
    {
        var host = LibstdcxxCompatibility.FindHostLibstdcxx();
        if (host is null)
        {
            yield return new("libstdc++", CheckStatus.Fail, $"no {LibstdcxxCompatibility.Soname} can be loaded", "apt-get install libstdc++6");
            yield break;
        }
        bool provides = LibstdcxxCompatibility.Provides(host);
        string newest = ElfSymbolVersions.ReadDefinitions(host).Where(v => v.StartsWith("GLIBCXX_3.4", StringComparison.Ordinal))
            .OrderBy(v => Version.TryParse(v["GLIBCXX_".Length..], out var parsed) ? parsed : new Version()).LastOrDefault() ?? "unknown";
        yield return new("libstdc++", CheckStatus.Ok, $"{host}, newest version {newest}");

        if (libTorchSharp is null)
            yield return new("libstdc++ fix", CheckStatus.Fail, "libLibTorchSharp.so not found next to TorchSharp.dll", "Run 'dotnet build' at the repository root.");
        else if (provides)
            yield return new("libstdc++ fix", CheckStatus.Ok, $"not needed: the host has {LibstdcxxCompatibility.RequiredVersion}");
        else if (LibstdcxxCompatibility.IsWeakOrAbsent(libTorchSharp))
            yield return new("libstdc++ fix", CheckStatus.Ok, $"applied: {LibstdcxxCompatibility.RequiredVersion} marked weak in {libTorchSharp}");
        else
            yield return new("libstdc++ fix", CheckStatus.Fail, $"needed but not applied to {libTorchSharp}: the host lacks {LibstdcxxCompatibility.RequiredVersion}",
                "Run 'dotnet build' at the repository root; the build applies it.");
    }

    static EnvironmentCheck LibtorchCheck(string torchSharpFolder)
    {
        var loaded = LoadedNativeLibraries.Find("libtorch_cpu.so");
        string version = Guard(() => torch.__version__).Value ?? "unknown";
        if (loaded.Count == 0)
            return new("libtorch", CheckStatus.Ok, $"{version} (loaded file not visible on this OS)");
        var foreign = loaded.Where(p => !IsUnder(p, torchSharpFolder)).ToList();
        return foreign.Count == 0
            ? new("libtorch", CheckStatus.Ok, $"{version}, packaged copy {loaded[0]}")
            : new("libtorch", CheckStatus.Fail, $"{version} loaded from {foreign[0]}, not from the course's build output",
                "A libtorch outside the build output was picked up; unset LD_LIBRARY_PATH/LD_PRELOAD entries that point at it, or remove it (Debian: apt-get remove libtorch-dev).");
    }

    static EnvironmentCheck BackendAndDevice()
    {
        string backend = NativeBackend.BuildBackend;
        bool cuda = torch.cuda.is_available();
        var device = Guard(() => ComputeDevice.Choose().type.ToString().ToLowerInvariant());
        if (device.Error is not null)
            return new("Device", CheckStatus.Fail, device.Error, $"Unset {ComputeDevice.OverrideVariable} or set it to cpu or cuda.");
        if (cuda)
            return new("Device", CheckStatus.Ok, $"{device.Value} ({backend} build; {torch.cuda.device_count()} CUDA device(s): {GpuNames()})");
        bool driver = File.Exists("/proc/driver/nvidia/version");
        return driver
            ? new("Device", CheckStatus.Warn, $"{device.Value} ({backend} build): an NVIDIA driver is visible but CUDA is not used",
                backend == "cpu" ? "Rebuild with the cuda backend: dotnet build -p:TorchSharpBackend=cuda" : "Check the driver and CUDA version with nvidia-smi.")
            : new("Device", CheckStatus.Ok, $"{device.Value} ({backend} build; no NVIDIA driver visible)");
    }

    static EnvironmentCheck SystemLibtorchCheck(string torchSharpFolder)
    {
        var folders = new[] { "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib", "/usr/lib64", "/usr/local/lib", "/lib/x86_64-linux-gnu" }
            .Concat((Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        var all = folders.Where(Directory.Exists).Distinct()
            .SelectMany(f => Directory.EnumerateFiles(f, "libtorch_cpu.so*"))
            .Where(p => !IsUnder(p, torchSharpFolder))
            .ToList();
        // A probe for torch_cpu opens libtorch_cpu.so by that name; a versioned file alone (libtorch_cpu.so.1.13, which
        // Debian's python3-torch brings without libtorch-dev) is not found by it.
        var found = all.Where(p => Path.GetFileName(p) == "libtorch_cpu.so").ToList();
        var versionedOnly = all.Except(found).ToList();
        return found.Count == 0
            ? new("System libtorch", CheckStatus.Ok, versionedOnly.Count == 0 ? "none found"
                : $"none that TorchSharp's probe for torch_cpu can open (versioned only: {string.Join(", ", versionedOnly)})")
            : new("System libtorch", CheckStatus.Warn, $"{string.Join(", ", found)} could be picked up instead of the packaged libtorch when TorchSharp probes for torch_cpu",
                "Load the course's library from its build output (src/Helpers/bin) only; if lessons crash in native code, remove it (Debian: apt-get remove libtorch-dev).");
    }

    static EnvironmentCheck DataSetsCheck()
    {
        var present = RealDataSets.All.Where(d => d.IsPresent).Select(d => d.Name).ToList();
        var absent = RealDataSets.All.Where(d => !d.IsPresent).Select(d => $"{d.Name} ({d.ImportCommand})").ToList();
        string detail = $"in {CoursePaths.DataDirectory}: present {(present.Count == 0 ? "none" : string.Join(", ", present))}; " +
                        $"not imported {(absent.Count == 0 ? "none" : string.Join(", ", absent))} (optional: lessons default to embedded data)";
        return new("Data sets", CheckStatus.Ok, detail);
    }

    static string GpuNames()
    {
        try
        {
            using var smi = Process.Start(new ProcessStartInfo("nvidia-smi", "--query-gpu=name --format=csv,noheader") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (smi is null)
                return "names unknown";
            string output = smi.StandardOutput.ReadToEnd().Trim();
            smi.WaitForExit(5000);
            return output.Length == 0 ? "names unknown" : output.Replace('\n', ';');
        }
        catch (Exception)
        {
            return "names unknown (no nvidia-smi)";
        }
    }

    static string? FindPackagedNative(string torchSharpFolder, string fileName)
    {
        var loaded = LoadedNativeLibraries.Find(fileName).FirstOrDefault();
        if (loaded is not null)
            return loaded;
        return Directory.Exists(torchSharpFolder)
            ? Directory.EnumerateFiles(torchSharpFolder, fileName, SearchOption.AllDirectories).FirstOrDefault()
            : null;
    }

    // Compared with links resolved: the loader reports real paths, while the course may be opened through a link.
    static bool IsUnder(string path, string folder) =>
        folder.Length > 0 && RealPath(path).StartsWith(RealPath(folder).TrimEnd('/') + "/", StringComparison.Ordinal);

    /// <summary>The path with every symbolic link along it resolved, as the kernel reports mapped files.</summary>
    internal static string RealPath(string path)
    {
        string full = Path.GetFullPath(path);
        string root = Path.GetPathRoot(full) ?? "/";
        string current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            string next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            current = info.LinkTarget is null ? next : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? next;
        }
        return current;
    }

    static (string? Value, string? Error) Guard(Func<string> probe)
    {
        try { return (probe(), null); }
        catch (Exception e) { return (null, e.GetBaseException().Message.Split('\n')[0]); }
    }
}
