using NotebookCourse.Helpers.MultiLabel;
using System.Runtime.Loader;
using NotebookCourse.Helpers.Embeddings;
using NotebookCourse.Helpers.Experiments;
using NotebookCourse.Helpers.Models;
using NotebookCourse.Helpers.Plots;
using NotebookCourse.Helpers.Plots.Figures;
using NotebookCourse.Helpers.Training;

namespace NotebookCourse.Helpers.Tests.Plots;

public class PlotTests
{
    static TrainingHistory History(string name) => new(name, [new(1, 1.0, 0.5, 1.2, 0.4, 0.1), new(2, 0.5, 0.8, 0.9, 0.7, 0.1)], 2, false);

    [Fact]
    public void Pooling_scores_draw_micro_and_macro_bars_per_pooling_and_quartile_lines_in_order()
    {
        static LabelScore Label(string name, long tp, long fp, long fn) => new(name, tp, fp, fn, tp + fn);
        // Micro: tp 3, fp 1, fn 1 -> F1 0.75; macro: mean of 1.0 and 0.4.
        var scores = new MultiLabelScores(0.5, Label("micro", 3, 1, 1), [Label("a", 2, 0, 0), Label("b", 1, 3, 0)], 0.9, 0.5);
        var run = new PoolingRun(FieldPooling.MaskedMax, null!, null!, scores, scores, TorchSharp.torch.zeros(1, 2), 1.0);
        var figure = PoolingScoresChart.Figure([run]);
        Assert.Equal(["micro F1", "macro F1"], figure.Traces.Select(t => t.Name));
        Assert.Equal(["MaskedMax"], figure.Traces[0].Categories!);
        Assert.Equal(0.75, figure.Traces[0].Y![0], 10);
        Assert.Equal(0.7, figure.Traces[1].Y![0], 10);

        var quartiles = new[] { 2, 1, 4, 3 }.Select(q => new LengthQuartileScore(FieldPooling.Mean, q, q, q, 10, q / 10.0, 0)).ToList();
        var line = Assert.Single(PoolingScoresChart.ByLength(quartiles).Figure.Traces);
        Assert.Equal([1.0, 2, 3, 4], line.X!);
        Assert.Equal([0.1, 0.2, 0.3, 0.4], line.Y!);
    }

    [Fact]
    public void The_attention_heatmap_has_a_column_per_token_even_when_words_repeat_and_a_row_per_layer()
    {
        var figure = AttentionHeatmap.Figure(["the", "cowboy", "the"], [("masked", [0.1, 0.8, 0.1]), ("question", [0.3, 0.4, 0.3])], "one plot");
        var trace = Assert.Single(figure.Traces);
        Assert.Equal(TraceKind.Heatmap, trace.Kind);
        Assert.Equal(["1·the", "2·cowboy", "3·the"], trace.Categories!);
        Assert.Equal(["masked", "question"], trace.RowLabels!);
        Assert.Equal(0.8, trace.Z![0][1]);
        Assert.Contains("2 weights for 3 tokens", Assert.Throws<ArgumentException>(() => AttentionHeatmap.Figure(["a", "b", "c"], [("masked", [0.5, 0.5])])).Message);
    }

    [Fact]
    public void Training_curves_draw_one_line_per_history_and_metric()
    {
        var chart = TrainingCurves.Plot([History("learned pad"), History("padding_idx")], "val_accuracy");
        Assert.Contains("\"name\":\"learned pad\"", chart.Html);
        Assert.Contains("\"name\":\"padding_idx\"", chart.Html);
        Assert.Contains("\"y\":[0.4,0.7]", chart.Html);
        Assert.Equal("chart: 2 traces (learned pad, padding_idx)", chart.ToString());
        Assert.Contains("Unknown metric 'accuracy'", Assert.Throws<ArgumentException>(() => TrainingCurves.Plot(History("x"), "accuracy")).Message);
    }

    [Fact]
    public void Label_budget_curves_draw_a_mean_line_and_seed_dots_in_one_colour_per_design_on_a_log_axis()
    {
        BudgetPoint[] points =
        [
            new(TableDesign.RandomTrainable, 0.1, 100, [0.6, 0.7]), new(TableDesign.RandomTrainable, 1.0, 1000, [0.9, 0.95]),
            new(TableDesign.PretrainedFrozen, 0.1, 100, [0.9, 0.92]), new(TableDesign.PretrainedFrozen, 1.0, 1000, [0.95, 0.97]),
        ];
        var figure = LabelBudgetCurves.Figure(points);
        Assert.Equal(4, figure.Traces.Length);
        Assert.Equal([0.65, 0.925], figure.Traces[0].Y!, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal([100.0, 100, 1000, 1000], figure.Traces[1].X!);
        Assert.Equal(figure.Traces[0].Color, figure.Traces[1].Color);
        Assert.NotEqual(figure.Traces[0].Color, figure.Traces[2].Color);
        string html = new HtmlChart(figure).Html;
        Assert.Contains("\"type\":\"log\"", html);
        Assert.Contains($"\"color\":\"{figure.Traces[2].Color}\"", html);
        Assert.Contains("at least one budget point", Assert.Throws<ArgumentException>(() => LabelBudgetCurves.Plot([])).Message);
    }

    [Fact]
    public void The_embedding_scatter_labels_each_point_and_checks_its_inputs()
    {
        string html = EmbeddingScatter.Plot([[0f, 1f], [2f, 3f]], ["good", "bad"], ["positive", "negative"]).Html;
        Assert.Contains("\"text\":[\"good\"]", html);
        Assert.Contains("\"name\":\"negative\"", html);
        Assert.Contains("one label per point: 2 points, 1 labels", Assert.Throws<ArgumentException>(() => EmbeddingScatter.Plot([[0f, 1f], [2f, 3f]], ["good"])).Message);
        Assert.Contains("Points must be 2-D", Assert.Throws<ArgumentException>(() => EmbeddingScatter.Plot([[0f, 1f, 2f]], ["good"])).Message);
    }

    [Fact]
    public void The_trajectory_has_a_path_per_word_through_every_snapshot()
    {
        IReadOnlyList<float[]>[] snapshots = [[[0f, 0f]], [[1f, 1f]], [[2f, 3f]]];
        string html = EmbeddingScatter.Trajectory(snapshots, ["good"]).Html;
        Assert.Contains("\"x\":[0.0,1.0,2.0],\"y\":[0.0,1.0,3.0]", html);
    }

    [Fact]
    public void Bars_and_heatmaps_render_with_their_labels_and_titles()
    {
        var bars = new HtmlChart(new FigureSpec
        {
            Title = "pooling compared",
            YTitle = "F1",
            Traces = [new TraceSpec { Kind = TraceKind.Bar, Name = "micro F1", Categories = ["max", "mean"], Y = [0.5, 0.75] }],
        });
        Assert.Contains("\"type\":\"bar\"", bars.Html);
        Assert.Contains("\"x\":[\"max\",\"mean\"]", bars.Html);
        Assert.Contains("\"y\":[0.5,0.75]", bars.Html);
        Assert.Contains("pooling compared", bars.Html);
        var heatmap = new HtmlChart(new FigureSpec { Traces = [new TraceSpec { Kind = TraceKind.Heatmap, Z = [[0.1, 0.9]], Categories = ["a", "film"], RowLabels = ["weights"] }] });
        Assert.Contains("\"type\":\"heatmap\"", heatmap.Html);
        Assert.Contains("\"z\":[[0.1,0.9]]", heatmap.Html);
    }

    [Fact]
    public void A_trace_without_its_data_or_a_figure_without_traces_is_an_error_that_says_which()
    {
        var missing = Assert.Throws<ArgumentException>(() => new HtmlChart(new FigureSpec { Traces = [new TraceSpec { Kind = TraceKind.Line, Name = "loss", X = [1] }] }));
        Assert.Contains("A Line trace needs Y; trace 'loss' has none", missing.Message);
        Assert.Contains("at least one trace", Assert.Throws<ArgumentException>(() => new HtmlChart(new FigureSpec())).Message);
    }

    [Fact]
    public void Plotly_NET_runs_in_its_own_load_context_with_its_own_FSharp_Core()
    {
        _ = TrainingCurves.Plot(History("x"));
        var context = Assert.IsAssignableFrom<AssemblyLoadContext>(ChartRendering.LoadContext);
        Assert.NotSame(AssemblyLoadContext.Default, context);
        var fsharpCore = Assert.Single(context.Assemblies, a => a.GetName().Name == "FSharp.Core");
        Assert.True(fsharpCore.GetName().Version >= new Version(10, 1), $"Plotly.NET 6 needs FSharp.Core 10.1; the chart context has {fsharpCore.GetName().Version}");
        // Nothing of it reaches the context notebooks compile against, where Polyglot holds FSharp.Core 10.0.
        Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, a => a.GetName().Name is "FSharp.Core" or "Plotly.NET");
    }

    [Fact]
    public void The_chart_names_its_html_formatter_by_the_dotnet_interactive_convention()
    {
        var chart = TrainingCurves.Plot(History("x"));
        var attribute = Assert.Single(typeof(HtmlChart).GetCustomAttributes(false), a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var source = Activator.CreateInstance((Type)attribute.GetType().GetProperty("FormatterSourceType")!.GetValue(attribute)!)!;
        var formatters = ((IEnumerable<object>)source.GetType().GetMethod("CreateTypeFormatters")!.Invoke(source, null)!).ToList();
        string Formatted(string mime)
        {
            var formatter = formatters.Single(f => (string)f.GetType().GetProperty("MimeType")!.GetValue(f)! == mime);
            using var writer = new StringWriter();
            Assert.True((bool)formatter.GetType().GetMethod("Format", [typeof(object), typeof(TextWriter)])!.Invoke(formatter, [chart, writer])!);
            return writer.ToString();
        }
        Assert.Equal(chart.Html, Formatted("text/html"));
        Assert.Equal(chart.ToString(), Formatted("text/plain"));
        Assert.Equal(chart.PlotlyJson, Formatted(HtmlChart.PlotlyMimeType));
    }

    [Fact]
    public void The_plotly_figure_json_holds_each_trace_with_its_values_and_the_layout()
    {
        var chart = new HtmlChart(new FigureSpec
        {
            Title = "losses",
            Traces = [new TraceSpec { Kind = TraceKind.Line, Name = "train", X = [1, 2], Y = [0.5, 0.25] }, new TraceSpec { Kind = TraceKind.Bar, Name = "f1", Categories = ["a", "b"], Y = [0.75, 1] }],
        });
        using var figure = System.Text.Json.JsonDocument.Parse(chart.PlotlyJson);
        var data = figure.RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["train", "f1"], data.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([0.5, 0.25], data[0].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal("bar", data[1].GetProperty("type").GetString());
        Assert.Equal(["a", "b"], data[1].GetProperty("x").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("losses", figure.RootElement.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void A_saved_page_carries_plotly_js_and_opens_offline()
    {
        var chart = TrainingCurves.Plot(History("x"));
        Assert.Contains("cdn.plot.ly/plotly-2.28.0.min", chart.Html);
        Assert.Contains("require", chart.Html);
        string page = Path.Combine(Path.GetTempPath(), $"chart-{Guid.NewGuid():N}.html");
        try
        {
            chart.SavePage(page);
            string html = File.ReadAllText(page);
            Assert.DoesNotContain("require", html[html.IndexOf("<body>")..]);
            Assert.Contains("plotly.js v", html);
            Assert.True(html.Length > 1_000_000, $"plotly.js is embedded (the page has {html.Length} characters)");
        }
        finally
        {
            File.Delete(page);
        }
    }

    [Fact]
    public void Step_diagnostics_draw_one_line_per_condition_over_optimizer_steps_and_can_stop_at_an_epoch()
    {
        using var model = new FlattenDenseClassifier(5, 3, 2, 2, PadHandling.LearnedPad);
        StepDiagnostics[] steps = [new(0, 0, 0.1, 0.2, 0.0), new(10, 1, 0.3, 0.2, 0.5), new(20, 2, 0.6, 0.4, 0.25)];
        var result = new PadExperimentResult([new PadConditionResult(PadHandling.LearnedPad, History("x"), model) { Steps = steps }]);

        var all = StepDiagnosticsCurves.Plot(result, s => s.DeadUnitShare, "dead units");
        Assert.Contains("\"x\":[0.0,10.0,20.0],\"y\":[0.0,0.5,0.25]", all.Html);
        var firstEpoch = StepDiagnosticsCurves.Plot(result, s => s.FromPads, "from pads", throughEpoch: 1);
        Assert.Contains("\"x\":[0.0,10.0],\"y\":[0.1,0.3]", firstEpoch.Html);
        var none = new PadExperimentResult([new PadConditionResult(PadHandling.LearnedPad, History("x"), model)]);
        Assert.Contains("has no step diagnostics", Assert.Throws<ArgumentException>(() => StepDiagnosticsCurves.Plot(none, s => s.FromPads, "from pads")).Message);
    }
}
