using NotebookCourse.Course.Commands;

namespace NotebookCourse.Course.Tests;

[Collection(RunnerCollection.Name)]
public class DoctorTests
{
    [Fact]
    public void Doctor_reports_every_check_from_the_built_library_and_passes_here()
    {
        var output = new StringWriter();
        int exit = DoctorCommand.Execute(null, output);
        string report = output.ToString();

        Assert.True(exit == ExitCodes.Success, report);
        foreach (var check in new[] { ".NET", "OS", "TorchSharp", "libtorch", "Device", "Threads", "System libtorch", "Data sets" })
            Assert.Matches($"(?m)^(OK|WARN) +{System.Text.RegularExpressions.Regex.Escape(check)} ", report);
        Assert.Matches("(?m)^OK +TorchSharp +0\\.107\\.0, native library loads and computes", report);
        if (OperatingSystem.IsLinux())
            Assert.Matches("(?m)^OK +libstdc\\+\\+ fix +(applied|not needed)", report);
    }

    [Fact]
    public void Doctor_reports_which_data_sets_are_present()
    {
        string data = Path.Combine(Path.GetTempPath(), "notebookcourse-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(data, "wnut17"));
        string? before = Environment.GetEnvironmentVariable("COURSE_DATA_DIR");
        Environment.SetEnvironmentVariable("COURSE_DATA_DIR", data);
        try
        {
            var output = new StringWriter();
            DoctorCommand.Execute(null, output);
            Assert.Contains($"in {data}: present wnut17; not imported 20newsgroups (dotnet run --project data-scripts -- 20newsgroups)", output.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("COURSE_DATA_DIR", before);
        }
    }

    [Fact]
    public void Doctor_fails_with_a_fix_when_the_library_is_not_built()
    {
        var output = new StringWriter();
        Assert.Equal(ExitCodes.CellFailed, DoctorCommand.Execute(Path.Combine(Path.GetTempPath(), "absent", "NotebookCourse.Helpers.dll"), output));
        Assert.Contains("FAIL course library  not built", output.ToString());
        Assert.Contains("fix: run 'dotnet build'", output.ToString());
    }
}
