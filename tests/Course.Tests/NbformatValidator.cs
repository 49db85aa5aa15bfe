using System.Diagnostics;

namespace NotebookCourse.Course.Tests;

/// <summary>Validates notebooks with the reference implementation: Debian's python3-nbformat (installed by .ci/run).</summary>
static class NbformatValidator
{
    const string Script = "import sys, nbformat\nfor path in sys.argv[1:]:\n    nbformat.validate(nbformat.read(path, as_version=nbformat.NO_CONVERT))\n";

    static readonly Lazy<string?> Python = new(() =>
        new[] { "/usr/bin/python3", "python3" }.FirstOrDefault(candidate => RunPython(candidate, "import nbformat").ExitCode == 0));

    public static string? Unavailable => Python.Value is null ? "python3 with nbformat is not installed (Debian: apt-get install python3-nbformat; .ci/run installs it)" : null;

    /// <summary>Throws with nbformat's message when a notebook is not valid nbformat 4.</summary>
    public static void Validate(params string[] paths)
    {
        Assert.SkipWhen(Unavailable is not null, Unavailable ?? "");
        var (exitCode, output) = RunPython(Python.Value!, Script, paths);
        Assert.True(exitCode == 0, $"nbformat rejects {string.Join(", ", paths)}:\n{output}");
    }

    static (int ExitCode, string Output) RunPython(string python, string script, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(script);
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            string errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result + errors);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (-1, $"{python} not found");
        }
    }
}
