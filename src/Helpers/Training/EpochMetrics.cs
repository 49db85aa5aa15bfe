namespace NotebookCourse.Helpers.Training;

/// <summary>One epoch's averages. Validation values are NaN when there is no validation set.</summary>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double TrainAccuracy, double ValidationLoss, double ValidationAccuracy, double Seconds);

/// <summary>Reported after every batch, for live progress in a notebook.</summary>
public sealed record BatchProgress(int Epoch, int Batch, int BatchCount, double Loss);
