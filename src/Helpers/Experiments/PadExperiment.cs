using Microsoft.Data.Analysis;
using NotebookCourse.Helpers.Embeddings;
using NotebookCourse.Helpers.Models;
using NotebookCourse.Helpers.Training;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Experiments;

/// <summary>Everything the pad experiment holds fixed across conditions: data, model shape and schedule.</summary>
public sealed record PadExperimentSetup(TrainingData Train, TrainingData Validation, int VocabularySize, int MaxLength, int Classes)
{
    public int EmbeddingDim { get; init; } = 50;
    public int LayerSize { get; init; } = 25;
    public double Dropout { get; init; } = 0.3;
    public WeightInit Init { get; init; } = WeightInit.KerasFaithful;
    public IReadOnlyList<PadHandling> Conditions { get; init; } = DefaultConditions;

    /// <summary>The lesson's conditions: the three pad choices, the question's positive initialisation with and without NonNeg, and the two ablations.</summary>
    public static readonly IReadOnlyList<PadHandling> DefaultConditions =
    [
        PadHandling.LearnedPad, PadHandling.MaskMultiply, PadHandling.PaddingIdx, PadHandling.PositiveMaskMultiply,
        PadHandling.PositiveMaskMultiplyNonNegative, PadHandling.FrozenRandomPad, PadHandling.ZeroStartTrainablePad,
    ];

    /// <summary>Schedule, seed, early stopping and device; the same for every condition.</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>Measure <see cref="StepDiagnostics"/> at the start and after every this many optimizer steps; 0 turns it off.</summary>
    public int DiagnosticsEvery { get; init; }

    /// <summary>The documents the step diagnostics are measured on (default: the first 256 validation documents).</summary>
    public int DiagnosticsDocuments { get; init; } = 256;
}

/// <summary>
/// What pads do inside the model at one point of training, on a fixed probe of documents: the mean absolute hidden
/// pre-activation coming from pad positions and from word positions, and the share of dead relu units.
/// </summary>
public sealed record StepDiagnostics(int Step, int Epoch, double FromPads, double FromWords, double DeadUnitShare);

/// <summary>One condition's outcome, with its trained model for inspection.</summary>
public sealed record PadConditionResult(PadHandling Condition, TrainingHistory History, FlattenDenseClassifier Model)
{
    /// <summary>Step diagnostics, when the setup asked for them; the first is at initialisation (step 0).</summary>
    public IReadOnlyList<StepDiagnostics> Steps { get; init; } = [];

    public EpochMetrics BestByAccuracy => History.Epochs.MaxBy(e => e.ValidationAccuracy)!;
    public double SecondsPerEpoch => History.Epochs.Average(e => e.Seconds);
}

/// <summary>The histories of every condition and their comparison.</summary>
public sealed record PadExperimentResult(IReadOnlyList<PadConditionResult> Conditions)
{
    public PadConditionResult this[PadHandling condition] => Conditions.First(c => c.Condition == condition);

    public IEnumerable<TrainingHistory> Histories => Conditions.Select(c => c.History);

    /// <summary>Best and final validation accuracy, the epoch of the best, accuracy after epoch 1, time per epoch.</summary>
    public DataFrame Table() => new(
        new StringDataFrameColumn("condition", Conditions.Select(c => c.Condition.ToString())),
        new DoubleDataFrameColumn("best_val_accuracy", Conditions.Select(c => c.BestByAccuracy.ValidationAccuracy)),
        new Int32DataFrameColumn("epoch_of_best", Conditions.Select(c => c.BestByAccuracy.Epoch)),
        new DoubleDataFrameColumn("final_val_accuracy", Conditions.Select(c => c.History.Final.ValidationAccuracy)),
        new DoubleDataFrameColumn("epoch1_val_accuracy", Conditions.Select(c => c.History.Epochs[0].ValidationAccuracy)),
        new Int32DataFrameColumn("epochs_run", Conditions.Select(c => c.History.Epochs.Count)),
        new BooleanDataFrameColumn("stopped_early", Conditions.Select(c => c.History.StoppedEarly)),
        new DoubleDataFrameColumn("seconds_per_epoch", Conditions.Select(c => c.SecondsPerEpoch)));
}

/// <summary>
/// Trains the flatten + dense classifier once per pad condition with the same seed, data and schedule.
/// Each model is built right after seeding, so the conditions differ only in how the pad is handled.
/// </summary>
public static class PadExperiment
{
    public static PadExperimentResult Run(PadExperimentSetup setup, Action<PadHandling, EpochMetrics>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (setup.Train.Inputs.shape[1] != setup.MaxLength || setup.Validation.Inputs.shape[1] != setup.MaxLength)
            throw new ArgumentException($"Train and validation ids must be padded to MaxLength {setup.MaxLength}; got lengths {setup.Train.Inputs.shape[1]} and {setup.Validation.Inputs.shape[1]}.", nameof(setup));
        if (setup.DiagnosticsEvery < 0 || setup.DiagnosticsDocuments < 1)
            throw new ArgumentOutOfRangeException(nameof(setup), $"DiagnosticsEvery must be 0 (off) or positive and DiagnosticsDocuments positive; got {setup.DiagnosticsEvery} and {setup.DiagnosticsDocuments}.");
        var results = new List<PadConditionResult>();
        long probeCount = Math.Min(setup.DiagnosticsDocuments, setup.Validation.Count);
        using var probeInputs = setup.Validation.Inputs.narrow(0, 0, probeCount);
        using var probeTargets = setup.Validation.Targets.narrow(0, 0, probeCount);
        var probe = new TrainingData(probeInputs, probeTargets);
        var device = setup.Training.Device ?? Runtime.ComputeDevice.Choose();
        foreach (var condition in setup.Conditions)
        {
            manual_seed(setup.Training.Seed);
            var model = new FlattenDenseClassifier(setup.VocabularySize, setup.MaxLength, setup.EmbeddingDim, setup.Classes, condition,
                setup.LayerSize, setup.Dropout, setup.Init);
            var steps = new List<StepDiagnostics>();
            int step = 0;
            void Diagnose(int epoch)
            {
                var measured = PadDiagnostics.Probe(model, probe, device);
                steps.Add(new(step, epoch, measured.FromPads, measured.FromTokens, measured.DeadUnitShare));
            }
            if (setup.DiagnosticsEvery > 0)
                Diagnose(0);
            var options = setup.Training with
            {
                OnEpoch = e =>
                {
                    setup.Training.OnEpoch?.Invoke(e);
                    onEpoch?.Invoke(condition, e);
                },
                OnBatch = b =>
                {
                    setup.Training.OnBatch?.Invoke(b);
                    step++;
                    if (setup.DiagnosticsEvery > 0 && step % setup.DiagnosticsEvery == 0)
                        Diagnose(b.Epoch);
                },
            };
            var history = Trainer.Fit(model, setup.Train, setup.Validation, new ClassificationObjective(), options, condition.ToString());
            results.Add(new(condition, history, model) { Steps = steps });
        }
        return new(results);
    }
}
