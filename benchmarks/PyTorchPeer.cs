using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace NotebookCourse.Benchmarks;

/// <summary>
/// The original model's training step in PyTorch (Debian's python3-torch), run by <c>benchmarks/pytorch_peer.py</c>
/// in the same run and timed the same way, so its phases sit beside TorchSharp's against the same lower bounds.
/// </summary>
static class PyTorchPeer
{
    // Debian's package installs into the system Python; a python3 earlier on PATH (pyenv, a venv) may not see it.
    static readonly (string Interpreter, string Version)? Found = new[] { "/usr/bin/python3", "python3" }.Select(Query).FirstOrDefault(f => f is not null);

    /// <summary>PyTorch's version when a python3 can import it, else null.</summary>
    public static string? Version => Found?.Version;

    /// <param name="csharp">TorchSharp's forward, backward and Adam rows of the same workload: their FLOPs and bytes are the peer's too.</param>
    public static IEnumerable<WorkloadResult> Run(string script, Measurement measurement, IReadOnlyList<WorkloadResult> csharp, bool paddingIdx)
    {
        var limits = csharp[0].Limits;
        var start = new ProcessStartInfo(Found!.Value.Interpreter) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { script, limits.Threads.ToString(CultureInfo.InvariantCulture), measurement.MinSeconds.ToString(CultureInfo.InvariantCulture),
                     measurement.MinRuns.ToString(CultureInfo.InvariantCulture), measurement.WarmupRuns.ToString(CultureInfo.InvariantCulture), paddingIdx ? "padding_idx" : "learned" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{start.FileName} {script} exited {process.ExitCode}: {errors.Result}");
        using var result = JsonDocument.Parse(output);
        Timing Phase(string name) => Timing.Of(result.RootElement.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToList());
        int threads = result.RootElement.GetProperty("threads").GetInt32();
        if (threads != limits.Threads)
            throw new InvalidOperationException($"PyTorch ran on {threads} threads, not the {limits.Threads} asked for; the comparison would be void.");
        string group = $"original model in PyTorch {result.RootElement.GetProperty("torch").GetString()}{(paddingIdx ? ", pads zeroed (padding_idx)" : "")} (peer)";
        string[] phases = ["forward", "backward", "step"];
        for (int i = 0; i < phases.Length; i++)
            yield return csharp[i] with { Group = group, Time = Phase(phases[i]) };
    }

    static (string, string)? Query(string interpreter)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(interpreter, "-c \"import torch; print(torch.__version__)\"") { RedirectStandardOutput = true, RedirectStandardError = true });
            string text = process!.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && text.Length > 0 ? (interpreter, text) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
