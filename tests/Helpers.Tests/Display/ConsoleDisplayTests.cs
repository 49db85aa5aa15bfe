using NotebookCourse.Helpers.Display;
using NotebookCourse.Helpers.Plots;
using NotebookCourse.Helpers.Plots.Figures;

namespace NotebookCourse.Helpers.Tests.Display;

// Console and the chart folder are process-wide: these tests run one at a time, apart from others that print.
[Collection(nameof(ConsoleDisplayTests))]
[CollectionDefinition(nameof(ConsoleDisplayTests), DisableParallelization = true)]
public class ConsoleDisplayTests
{
    static string Printed(Action show)
    {
        var saved = Console.Out;
        var writer = new StringWriter();
        Console.SetOut(writer);
        try { show(); }
        finally { Console.SetOut(saved); }
        return writer.ToString().ReplaceLineEndings("\n");
    }

    [Fact]
    public void Values_print_as_the_headless_runner_prints_them_and_an_update_prints_the_new_value()
    {
        Assert.Equal("[1, 2.5, text]\n", Printed(() => ConsoleDisplay.Show(new object[] { 1, 2.5, "text" })));
        Assert.Equal("{to: 1}\nnull\n", Printed(() => ConsoleDisplay.Show(new Dictionary<string, int> { ["to"] = 1 }).Update(null)));
        string tensor = Printed(() => ConsoleDisplay.Show(TorchSharp.torch.tensor(new float[] { 1.5f, 2 })));
        Assert.Contains("1.5", tensor);
        Assert.Contains("[2]", tensor);
    }

    [Fact]
    public void A_chart_is_written_as_a_page_in_the_chart_folder_and_its_path_printed()
    {
        string folder = Path.Combine(Path.GetTempPath(), "notebookcourse-console-display", Guid.NewGuid().ToString("N"));
        var chart = new HtmlChart(new FigureSpec { Title = "loss", Traces = [new TraceSpec { Kind = TraceKind.Line, Name = "train", X = [1, 2], Y = [1, 0.5] }] });
        var (savedFolder, savedPrefix) = (ConsoleDisplay.ChartFolder, ConsoleDisplay.ChartFilePrefix);
        try
        {
            ConsoleDisplay.ChartFolder = null;
            Assert.Equal("chart 'loss': 1 trace (train)\n", Printed(() => ConsoleDisplay.Show(chart)));

            ConsoleDisplay.ChartFolder = folder;
            ConsoleDisplay.ChartFilePrefix = "lesson";
            string first = Printed(() => ConsoleDisplay.Show(chart));
            string second = Printed(() => ConsoleDisplay.Show(chart));
            var pages = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(2, pages.Count);
            Assert.Matches(@"^lesson\.chart-\d\d\.html$", Path.GetFileName(pages[0]));
            Assert.Equal($"chart 'loss': 1 trace (train) -> {pages[0]}\n", first);
            Assert.Equal($"chart 'loss': 1 trace (train) -> {pages[1]}\n", second);
            Assert.Contains("plotly.js v", File.ReadAllText(pages[1]));
        }
        finally
        {
            (ConsoleDisplay.ChartFolder, ConsoleDisplay.ChartFilePrefix) = (savedFolder, savedPrefix);
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }
}
