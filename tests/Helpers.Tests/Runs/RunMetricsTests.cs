using System.Text.Json;
using NotebookCourse.Helpers.Runs;

namespace NotebookCourse.Helpers.Tests.Runs;

[Collection(ProcessEnvironmentCollection.Name)]
public class RunMetricsTests
{
    [Fact]
    public void Reports_are_appended_as_json_lines_to_the_runner_file_and_kept_in_memory()
    {
        var file = Path.Combine(TestPaths.NewTemporaryFolder(), "metrics.jsonl");
        var saved = Environment.GetEnvironmentVariable(RunMetrics.FileVariable);
        Environment.SetEnvironmentVariable(RunMetrics.FileVariable, file);
        try
        {
            RunMetrics.Report("val_accuracy", 0.5);
            RunMetrics.Report("val_accuracy", 0.75);
            RunMetrics.Report("loss", double.NaN);
        }
        finally
        {
            Environment.SetEnvironmentVariable(RunMetrics.FileVariable, saved);
        }
        var lines = File.ReadAllLines(file).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["val_accuracy", "val_accuracy", "loss"], lines.Select(l => l.GetProperty("name").GetString()));
        Assert.Equal(0.75, lines[1].GetProperty("value").GetDouble());
        Assert.Equal("NaN", lines[2].GetProperty("value").GetString());
        Assert.Equal(0.75, RunMetrics.Latest["val_accuracy"]);
    }

    [Fact]
    public void A_metric_without_a_name_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => RunMetrics.Report(" ", 1));
        Assert.Equal("name", error.ParamName);
    }
}
