using System.Diagnostics;
using System.Text.Json.Nodes;
using NotebookCourse.Course.Runs;

namespace NotebookCourse.Course.Tests;

/// <summary>The workshop container's configuration, read and resolved by the devcontainer CLI itself.</summary>
public class DevcontainerTests
{
    static string Repository => RepositoryLocator.Find(AppContext.BaseDirectory)!;

    static string? Cli => new[] { Path.Combine(Repository, ".ci", "tools", "node_modules", ".bin", "devcontainer") }
        .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(p => Path.Combine(p, "devcontainer")))
        .FirstOrDefault(File.Exists);

    static JsonObject ReadConfiguration()
    {
        Assert.SkipWhen(Cli is null, "the devcontainer CLI is not installed (npm install @devcontainers/cli; .ci/run installs it)");
        var start = new ProcessStartInfo(Cli!) { RedirectStandardOutput = true, RedirectStandardError = true };
        // There is no Docker engine on CI machines; `true` answers the CLI's look-up of a running container with "none".
        foreach (var argument in new[] { "read-configuration", "--workspace-folder", Repository, "--docker-path", "true" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"devcontainer read-configuration failed:\n{errors}");
        return (JsonObject)JsonNode.Parse(output)!["configuration"]!;
    }

    [Fact]
    public void The_gpu_is_optional_and_no_run_argument_demands_one()
    {
        var configuration = ReadConfiguration();
        Assert.Equal("optional", configuration["hostRequirements"]?["gpu"]?.GetValue<string>());
        var runArgs = configuration["runArgs"] as JsonArray ?? [];
        Assert.DoesNotContain(runArgs, a => a!.GetValue<string>().StartsWith("--gpus", StringComparison.Ordinal));
    }

    [Fact]
    public void The_image_has_the_dotnet_10_sdk_on_a_distribution_with_gcc_13_or_later()
    {
        // Ubuntu 24.04 (noble) ships libstdc++ from GCC 14, which has GLIBCXX_3.4.32.
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0-noble", ReadConfiguration()["image"]?.GetValue<string>());
    }

    [Fact]
    public void Post_create_builds_and_runs_doctor_and_vscode_gets_the_notebook_extensions()
    {
        var configuration = ReadConfiguration();
        Assert.Equal("bash .devcontainer/post-create.sh", configuration["postCreateCommand"]?.GetValue<string>());
        string script = File.ReadAllText(Path.Combine(Repository, ".devcontainer", "post-create.sh"));
        Assert.Contains("dotnet build NotebookCourse.sln", script);
        Assert.Contains("course.dll doctor", script);

        string[] expected = ["ms-dotnettools.dotnet-interactive-vscode", "ms-dotnettools.csdevkit", "ms-toolsai.jupyter"];
        var extensions = ((JsonArray)configuration["customizations"]!["vscode"]!["extensions"]!).Select(e => e!.GetValue<string>());
        Assert.Equal(expected, extensions);
        var workspace = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository, ".vscode", "extensions.json")))!;
        Assert.Equal(expected, ((JsonArray)workspace["recommendations"]!).Select(e => e!.GetValue<string>()));
    }
}
