using NotebookCourse.Helpers.Plots;
using NotebookCourse.Helpers.Training;
using Plotly.NET;

namespace NotebookCourse.Helpers.Tests.Plots;

public class PlotTests
{
    static TrainingHistory History(string name) => new(name, [new(1, 1.0, 0.5, 1.2, 0.4, 0.1), new(2, 0.5, 0.8, 0.9, 0.7, 0.1)], 2, false);

    [Fact]
    public void Training_curves_draw_one_line_per_history_and_metric()
    {
        string html = GenericChart.toChartHTML(TrainingCurves.Plot([History("learned pad"), History("padding_idx")], "val_accuracy"));
        Assert.Contains("\"name\":\"learned pad\"", html);
        Assert.Contains("\"name\":\"padding_idx\"", html);
        Assert.Contains("\"y\":[0.4,0.7]", html);
        Assert.Contains("Unknown metric 'accuracy'", Assert.Throws<ArgumentException>(() => TrainingCurves.Plot(History("x"), "accuracy")).Message);
    }

    [Fact]
    public void The_embedding_scatter_labels_each_point_and_checks_its_inputs()
    {
        string html = GenericChart.toChartHTML(EmbeddingScatter.Plot([[0f, 1f], [2f, 3f]], ["good", "bad"], ["positive", "negative"]));
        Assert.Contains("\"text\":[\"good\"]", html);
        Assert.Contains("\"name\":\"negative\"", html);
        Assert.Contains("one label per point: 2 points, 1 labels", Assert.Throws<ArgumentException>(() => EmbeddingScatter.Plot([[0f, 1f], [2f, 3f]], ["good"])).Message);
        Assert.Contains("Points must be 2-D", Assert.Throws<ArgumentException>(() => EmbeddingScatter.Plot([[0f, 1f, 2f]], ["good"])).Message);
    }

    [Fact]
    public void The_trajectory_has_a_path_per_word_through_every_snapshot()
    {
        IReadOnlyList<float[]>[] snapshots = [[[0f, 0f]], [[1f, 1f]], [[2f, 3f]]];
        string html = GenericChart.toChartHTML(EmbeddingScatter.Trajectory(snapshots, ["good"]));
        Assert.Contains("\"x\":[0.0,1.0,2.0],\"y\":[0.0,1.0,3.0]", html);
    }
}
