using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Training;

/// <summary>How to train: schedule, optimiser, early stopping, device and callbacks.</summary>
public sealed record TrainingOptions
{
    public int Epochs { get; init; } = 10;
    public int BatchSize { get; init; } = 32;
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Seeds dropout, initial shuffling and every epoch's order: same seed, same history (on the CPU).</summary>
    public int Seed { get; init; } = 42;

    public bool Shuffle { get; init; } = true;

    /// <summary>Stop after this many epochs without a lower validation loss (Keras' EarlyStopping patience); null never stops early.</summary>
    public int? Patience { get; init; }

    /// <summary>After early stopping, put back the weights of the best epoch (Keras' restore_best_weights, off by default there too).</summary>
    public bool RestoreBestWeights { get; init; }

    /// <summary>Default: <see cref="Runtime.ComputeDevice.Choose"/>.</summary>
    public Device? Device { get; init; }

    public Action<EpochMetrics>? OnEpoch { get; init; }
    public Action<BatchProgress>? OnBatch { get; init; }

    internal void Validate()
    {
        if (Epochs < 1)
            throw new ArgumentOutOfRangeException(nameof(Epochs), $"Epochs must be at least 1, got {Epochs}.");
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), $"BatchSize must be at least 1, got {BatchSize}.");
        if (!(LearningRate > 0))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), $"LearningRate must be positive, got {LearningRate}.");
        if (Patience is < 1)
            throw new ArgumentOutOfRangeException(nameof(Patience), $"Patience must be at least 1 when set, got {Patience}.");
    }
}
