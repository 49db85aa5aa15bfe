using Microsoft.Data.Analysis;

namespace NotebookCourse.Helpers.Training;

/// <summary>The per-epoch record of one training run.</summary>
public sealed class TrainingHistory(string name, IReadOnlyList<EpochMetrics> epochs, int bestEpoch, bool stoppedEarly)
{
    public string Name { get; } = name;
    public IReadOnlyList<EpochMetrics> Epochs { get; } = epochs;

    /// <summary>The epoch (1-based) with the lowest validation loss, or the last epoch without validation data.</summary>
    public int BestEpoch { get; } = bestEpoch;

    public bool StoppedEarly { get; } = stoppedEarly;

    public EpochMetrics Best => Epochs[BestEpoch - 1];
    public EpochMetrics Final => Epochs[^1];

    public DataFrame ToDataFrame() => new(
        new Int32DataFrameColumn("epoch", Epochs.Select(e => e.Epoch)),
        new DoubleDataFrameColumn("train_loss", Epochs.Select(e => e.TrainLoss)),
        new DoubleDataFrameColumn("train_accuracy", Epochs.Select(e => e.TrainAccuracy)),
        new DoubleDataFrameColumn("val_loss", Epochs.Select(e => e.ValidationLoss)),
        new DoubleDataFrameColumn("val_accuracy", Epochs.Select(e => e.ValidationAccuracy)),
        new DoubleDataFrameColumn("seconds", Epochs.Select(e => e.Seconds)));
}
