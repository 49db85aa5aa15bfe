using System.Diagnostics;
using NotebookCourse.Helpers.Models;
using NotebookCourse.Helpers.MultiLabel;
using NotebookCourse.Helpers.Runtime;
using NotebookCourse.Helpers.Training;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Experiments;

/// <summary>The model and schedule every pooling of <see cref="PoolingComparison"/> shares.</summary>
public sealed record PoolingComparisonOptions
{
    /// <summary>The field whose pooling is compared (through a BiLSTM when <see cref="RecurrentHidden"/> > 0).</summary>
    public string PooledField { get; init; } = "plot";

    /// <summary>How every other token field is pooled (bags of keywords or names): masked max, as the question's model, with the mask.</summary>
    public FieldPooling OtherFields { get; init; } = FieldPooling.MaskedMax;

    public int EmbeddingDim { get; init; } = 16;
    public int RecurrentHidden { get; init; } = 16;
    public int AttentionHidden { get; init; } = 16;
    public int HiddenSize { get; init; } = 32;
    public double Dropout { get; init; } = 0.2;
    public int Epochs { get; init; } = 8;
    public int BatchSize { get; init; } = 32;
    public double LearningRate { get; init; } = 0.005;
    public int Seed { get; init; } = 42;
    public Device? Device { get; init; }
}

/// <summary>One pooling trained and scored: the decision threshold chosen on validation data, the scores reported on test data.</summary>
public sealed record PoolingRun(FieldPooling Pooling, MultiFieldClassifier Model, TrainingHistory History, MultiLabelScores Validation, MultiLabelScores Test,
    Tensor TestProbabilities, double Seconds)
{
    public double Threshold => Validation.Threshold;
}

/// <summary>Scores of one pooling on the test examples whose pooled field's length falls in one quartile.</summary>
public sealed record LengthQuartileScore(FieldPooling Pooling, int Quartile, int MinLength, int MaxLength, int Examples, double MicroF1, double MacroF1);

/// <summary>
/// Lesson 5's comparison: the same multi-input, multi-label model, seed and schedule, with only the pooling of one field
/// changed. Each run trains (binary cross-entropy on logits), picks its decision threshold on validation data and is
/// scored on test data.
/// </summary>
public static class PoolingComparison
{
    /// <summary>The model for one pooling, seeded so that every pooling starts from the same draws.</summary>
    public static MultiFieldClassifier Build(MultiFieldData data, FieldPooling pooling, PoolingComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        data.Set.Field(options.PooledField);
        Seeds.Set(options.Seed);
        var fields = data.TokenFields(options.EmbeddingDim,
            name => name == options.PooledField ? (pooling, options.RecurrentHidden) : (options.OtherFields, 0), options.AttentionHidden);
        return new MultiFieldClassifier(fields, data.Set.NumericNames.Count, options.HiddenSize, options.Dropout, data.LabelNames.Count);
    }

    public static PoolingRun Train(MultiFieldData data, FieldPooling pooling, PoolingComparisonOptions options)
    {
        var model = Build(data, pooling, options);
        var clock = Stopwatch.StartNew();
        var history = Trainer.Fit(model, data.Train, data.Validation, new MultiLabelObjective(), new TrainingOptions
        {
            Epochs = options.Epochs,
            BatchSize = options.BatchSize,
            LearningRate = options.LearningRate,
            Seed = options.Seed,
            Device = options.Device,
        }, pooling.ToString());
        double seconds = clock.Elapsed.TotalSeconds;
        var validation = MultiLabelEvaluation.BestThreshold(Trainer.Predict(model, data.Validation, device: options.Device), data.Validation.Targets, data.LabelNames, logits: true);
        var testProbabilities = Trainer.Predict(model, data.Test, device: options.Device).sigmoid();
        var test = MultiLabelEvaluation.Score(testProbabilities, data.Test.Targets, data.LabelNames, validation.Threshold);
        return new PoolingRun(pooling, model, history, validation, test, testProbabilities, seconds);
    }

    public static IReadOnlyList<PoolingRun> Run(MultiFieldData data, IEnumerable<FieldPooling> poolings, PoolingComparisonOptions options, Action<PoolingRun>? onRun = null)
    {
        ArgumentNullException.ThrowIfNull(poolings);
        var runs = new List<PoolingRun>();
        foreach (var pooling in poolings)
        {
            var run = Train(data, pooling, options);
            runs.Add(run);
            onRun?.Invoke(run);
        }
        return runs;
    }

    /// <summary>
    /// Micro and macro F1 of each run on the test examples in each quartile of <paramref name="field"/>'s length (real tokens),
    /// at the run's threshold. Quartile bounds come from the test lengths, so every run is scored on the same examples.
    /// </summary>
    public static IReadOnlyList<LengthQuartileScore> ByLengthQuartile(MultiFieldData data, IEnumerable<PoolingRun> runs, string field)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(runs);
        var lengths = data.Ids(data.Test, field).ne(0).sum(dim: 1).data<long>().Select(l => (int)l).ToArray();
        // Examples sorted by length, cut into four groups of (almost) equal size; ties stay in one group by row order.
        var byLength = Enumerable.Range(0, lengths.Length).OrderBy(i => lengths[i]).ThenBy(i => i).ToArray();
        var result = new List<LengthQuartileScore>();
        foreach (var run in runs)
            for (int q = 0; q < 4; q++)
            {
                var rows = byLength[(q * byLength.Length / 4)..((q + 1) * byLength.Length / 4)];
                if (rows.Length == 0)
                    continue;
                var index = tensor(rows.Select(r => (long)r).ToArray());
                var scores = MultiLabelEvaluation.Score(run.TestProbabilities.index_select(0, index), data.Test.Targets.index_select(0, index), data.LabelNames, run.Threshold);
                result.Add(new LengthQuartileScore(run.Pooling, q + 1, rows.Min(r => lengths[r]), rows.Max(r => lengths[r]), rows.Length, scores.MicroF1, scores.MacroF1));
            }
        return result;
    }
}
