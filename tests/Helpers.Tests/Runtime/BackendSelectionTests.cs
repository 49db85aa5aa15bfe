using System.Diagnostics;
using System.Text.Json;

namespace NotebookCourse.Helpers.Tests.Runtime;

/// <summary>The MSBuild property that picks TorchSharp's native package, checked by evaluating the project.</summary>
public class BackendSelectionTests
{
    static string HelpersProject => Path.Combine(TestPaths.RepositoryRoot, "src", "Helpers", "NotebookCourse.Helpers.csproj");

    static (int ExitCode, string Output) Msbuild(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestPaths.RepositoryRoot };
        foreach (var argument in new[] { "msbuild", HelpersProject, "-nologo" }.Concat(arguments))
            start.ArgumentList.Add(argument);
        // The test host's MSBuild settings must not leak into the child evaluation.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "TorchSharpBackend", "NvidiaDriverVisible" })
            start.Environment.Remove(name);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }

    static (string Backend, string TorchSharpPackages) Evaluate(params string[] properties)
    {
        var (exitCode, output) = Msbuild([.. properties.Select(p => "-p:" + p), "-getProperty:TorchSharpBackend", "-getItem:PackageReference"]);
        Assert.True(exitCode == 0, output);
        using var json = JsonDocument.Parse(output);
        var backend = json.RootElement.GetProperty("Properties").GetProperty("TorchSharpBackend").GetString()!;
        var packages = json.RootElement.GetProperty("Items").GetProperty("PackageReference").EnumerateArray()
            .Select(item => item.GetProperty("Identity").GetString()!)
            .Where(id => id.StartsWith("TorchSharp", StringComparison.Ordinal))
            .Order();
        return (backend, string.Join(" ", packages));
    }

    [Fact]
    public void Forcing_cpu_selects_only_the_cpu_package()
    {
        Assert.Equal(("cpu", "TorchSharp-cpu"), Evaluate("TorchSharpBackend=cpu"));
    }

    [Fact]
    public void Forcing_cuda_selects_only_the_cuda_package()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the Linux cuda package is checked on Linux");
        Assert.Equal(("cuda", "TorchSharp-cuda-linux"), Evaluate("TorchSharpBackend=cuda"));
    }

    [Fact]
    public void The_automatic_choice_follows_whether_an_nvidia_driver_is_visible()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "driver detection is checked on Linux");
        var expected = File.Exists("/proc/driver/nvidia/version") ? "cuda" : "cpu";
        Assert.Equal(expected, Evaluate().Backend);
        Assert.Equal(("cuda", "TorchSharp-cuda-linux"), Evaluate("NvidiaDriverVisible=true"));
        Assert.Equal(("cpu", "TorchSharp-cpu"), Evaluate("NvidiaDriverVisible=false"));
        Assert.Equal("cpu", Evaluate("NvidiaDriverVisible=true", "TorchSharpBackend=cpu").Backend);
    }

    [Fact]
    public void An_unknown_backend_stops_the_build_with_the_valid_values()
    {
        var (exitCode, output) = Msbuild("-t:CheckTorchSharpBackend", "-p:TorchSharpBackend=gpu");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("TorchSharpBackend is 'gpu'; expected 'cpu' or 'cuda'", output);
    }
}
