using System.Text.RegularExpressions;

namespace NotebookCourse.Course.Tests;

/// <summary>Headless Chromium (Debian's package; COURSE_CHROMIUM names another), to load pages as a learner's browser does.</summary>
static partial class Chromium
{
    public static string? Path =>
        Environment.GetEnvironmentVariable("COURSE_CHROMIUM") is { Length: > 0 } configured ? configured
        : new[] { "chromium", "chromium-browser", "google-chrome" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => System.IO.Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);

    public const string Missing = "Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it); the site's browser test needs it.";

    static string[] Headless(string profile) =>
        ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", $"--user-data-dir={profile}", "--no-first-run"];

    /// <summary>The page's DOM once its scripts have run, and what its console printed ("CONSOLE" log lines: messages and uncaught errors).</summary>
    public static async Task<(string Dom, IReadOnlyList<string> Console)> Load(string page)
    {
        string profile = Profile();
        var run = await ChildProcess.RunAsync(Path!, [.. Headless(profile), "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000", "--dump-dom", new Uri(page).AbsoluteUri], System.IO.Path.GetDirectoryName(page)!);
        Directory.Delete(profile, recursive: true);
        Assert.True(run.ExitCode == 0, $"chromium --dump-dom {page} exited {run.ExitCode}:\n{run.Errors}");
        return (run.Output, ConsoleLine().Matches(run.Errors).Select(m => m.Value).ToList());
    }

    public static async Task Screenshot(string page, string png, int width, int height)
    {
        string profile = Profile();
        var run = await ChildProcess.RunAsync(Path!, [.. Headless(profile), $"--window-size={width},{height}", "--virtual-time-budget=10000", $"--screenshot={png}", new Uri(page).AbsoluteUri], System.IO.Path.GetDirectoryName(page)!);
        Directory.Delete(profile, recursive: true);
        Assert.True(run.ExitCode == 0 && File.Exists(png), $"chromium --screenshot {page} exited {run.ExitCode}:\n{run.Errors}");
    }

    static string Profile() => Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "notebookcourse-chromium", Guid.NewGuid().ToString("N"))).FullName;

    [GeneratedRegex(@"[^\n]*:CONSOLE[^\n]*")]
    private static partial Regex ConsoleLine();
}
