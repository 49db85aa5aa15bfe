using NotebookCourse.Helpers.Plots.Figures;
using NotebookCourse.Helpers.Training;

namespace NotebookCourse.Helpers.Plots;

/// <summary>Per-epoch curves of one or several training runs on one chart.</summary>
public static class TrainingCurves
{
    /// <summary>Metrics: "train_loss", "train_accuracy", "val_loss", "val_accuracy".</summary>
    public static HtmlChart Plot(IEnumerable<TrainingHistory> histories, params string[] metrics) => new(Figure(histories, metrics));

    public static HtmlChart Plot(TrainingHistory history, params string[] metrics) => Plot([history], metrics);

    /// <summary>The figure <see cref="Plot(IEnumerable{TrainingHistory}, string[])"/> draws: one line per run and metric.</summary>
    public static FigureSpec Figure(IEnumerable<TrainingHistory> histories, params string[] metrics)
    {
        ArgumentNullException.ThrowIfNull(histories);
        if (metrics.Length == 0)
            metrics = ["train_loss", "val_loss"];
        var list = histories.ToList();
        if (list.Count == 0)
            throw new ArgumentException("Need at least one training history to plot.", nameof(histories));
        var traces = new List<TraceSpec>();
        foreach (var history in list)
            foreach (var metric in metrics)
            {
                Func<EpochMetrics, double> value = metric switch
                {
                    "train_loss" => e => e.TrainLoss,
                    "train_accuracy" => e => e.TrainAccuracy,
                    "val_loss" => e => e.ValidationLoss,
                    "val_accuracy" => e => e.ValidationAccuracy,
                    _ => throw new ArgumentException($"Unknown metric '{metric}'; expected train_loss, train_accuracy, val_loss or val_accuracy.", nameof(metrics)),
                };
                string name = list.Count == 1 ? metric : metrics.Length == 1 ? history.Name : $"{history.Name} {metric}";
                traces.Add(new TraceSpec
                {
                    Kind = TraceKind.Line,
                    Name = name,
                    X = history.Epochs.Select(e => (double)e.Epoch).ToArray(),
                    Y = history.Epochs.Select(value).ToArray(),
                    ShowMarkers = true,
                });
            }
        return new FigureSpec { XTitle = "epoch", YTitle = string.Join(", ", metrics), Traces = [.. traces] };
    }
}
