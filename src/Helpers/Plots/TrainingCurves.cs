using NotebookCourse.Helpers.Training;
using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;
using Plotly.NET.CSharp;

namespace NotebookCourse.Helpers.Plots;

/// <summary>Per-epoch curves of one or several training runs on one chart.</summary>
public static class TrainingCurves
{
    /// <summary>Metrics: "train_loss", "train_accuracy", "val_loss", "val_accuracy".</summary>
    public static GenericChart Plot(IEnumerable<TrainingHistory> histories, params string[] metrics)
    {
        ArgumentNullException.ThrowIfNull(histories);
        if (metrics.Length == 0)
            metrics = ["train_loss", "val_loss"];
        var list = histories.ToList();
        var lines = new List<GenericChart>();
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
                lines.Add(Chart.Line<int, double, string>(history.Epochs.Select(e => e.Epoch), history.Epochs.Select(value), ShowMarkers: true, Name: name));
            }
        return Chart.Combine(lines)
            .WithXAxisStyle<int, int, string>(TitleText: "epoch")
            .WithYAxisStyle<double, double, string>(TitleText: string.Join(", ", metrics));
    }

    public static GenericChart Plot(TrainingHistory history, params string[] metrics) => Plot([history], metrics);
}
