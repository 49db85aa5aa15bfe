using NotebookCourse.Helpers.Runtime;
using NotebookCourse.Helpers.Runtime.NativeLibraries;

namespace NotebookCourse.Helpers.Tests.Runtime;

[Collection(ProcessEnvironmentCollection.Name)]
public class EnvironmentReportTests
{
    [Fact]
    public void The_report_covers_every_item_and_has_no_failure_here()
    {
        var report = EnvironmentReport.Collect();
        string[] expected = [".NET", "OS", "TorchSharp", "libtorch", "Device", "Threads", "Data sets"];
        foreach (var name in expected)
            Assert.Contains(report.Checks, c => c.Name == name);
        Assert.False(report.HasFailures, report.ToText());
        Assert.Contains("0.107.0", report["TorchSharp"].Detail);
        Assert.Contains("2.10", report["libtorch"].Detail);
        Assert.Contains(NativeBackend.BuildBackend + " build", report["Device"].Detail);
    }

    [Fact]
    public void The_report_says_whether_the_libstdcxx_fix_was_applied()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "libstdc++ checks are Linux-only");
        var report = EnvironmentReport.Collect();
        var host = LibstdcxxCompatibility.FindHostLibstdcxx()!;
        Assert.Contains(host, report["libstdc++"].Detail);
        var fix = report["libstdc++ fix"];
        Assert.Equal(CheckStatus.Ok, fix.Status);
        Assert.StartsWith(LibstdcxxCompatibility.Provides(host) ? "not needed" : "applied", fix.Detail);
    }

    [Fact]
    public void A_libtorch_on_the_library_path_is_reported_as_a_warning_with_a_fix()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "system libtorch detection is Linux-only");
        var folder = TestPaths.NewTemporaryFolder();
        var fake = Path.Combine(folder, "libtorch_cpu.so");
        File.WriteAllText(fake, "stand-in for a system libtorch");
        var saved = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
        Environment.SetEnvironmentVariable("LD_LIBRARY_PATH", folder);
        try
        {
            var check = EnvironmentReport.Collect()["System libtorch"];
            Assert.Equal(CheckStatus.Warn, check.Status);
            Assert.Contains(fake, check.Detail);
            Assert.NotNull(check.Fix);

            // A versioned copy alone (Debian's libtorch1.13, from python3-torch) cannot be opened by the probe's name.
            File.Move(fake, fake + ".1.13");
            check = EnvironmentReport.Collect()["System libtorch"];
            Assert.Equal(CheckStatus.Ok, check.Status);
            Assert.Contains("versioned only: ", check.Detail);
            Assert.Contains($"{fake}.1.13", check.Detail);
        }
        finally
        {
            Environment.SetEnvironmentVariable("LD_LIBRARY_PATH", saved);
        }
    }

    [Fact]
    public void Text_and_json_forms_carry_every_check()
    {
        var report = EnvironmentReport.Collect();
        var text = report.ToText();
        var json = System.Text.Json.JsonDocument.Parse(report.ToJson());
        Assert.Equal(report.Checks.Count, json.RootElement.GetArrayLength());
        foreach (var check in report.Checks)
            Assert.Contains($"{EnvironmentReport.Label(check.Status)}", text);
        Assert.Equal(report.Checks.Count, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => !l.TrimStart().StartsWith("fix:")));
    }

    [Fact]
    public void Real_paths_resolve_every_link_along_the_way_as_the_loader_reports_them()
    {
        string root = TestPaths.NewTemporaryFolder();
        string real = Directory.CreateDirectory(Path.Combine(root, "real", "bin")).FullName;
        File.WriteAllText(Path.Combine(real, "libtorch_cpu.so"), "");
        Directory.CreateSymbolicLink(Path.Combine(root, "linked"), Path.Combine(root, "real"));

        Assert.Equal(Path.Combine(real, "libtorch_cpu.so"), EnvironmentReport.RealPath(Path.Combine(root, "linked", "bin", "libtorch_cpu.so")));
        Assert.Equal(real, EnvironmentReport.RealPath(Path.Combine(root, "linked", "bin")));
        Assert.Equal(Path.Combine(real, "absent"), EnvironmentReport.RealPath(Path.Combine(root, "linked", "bin", "absent")));
    }
}
