using NotebookCourse.Helpers.Validation;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.MultiLabel;

/// <summary>Precision, recall and F1 of one label (or of all label slots pooled, for the micro average).</summary>
public sealed record LabelScore(string Label, long TruePositives, long FalsePositives, long FalseNegatives, long Support)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>0 when the label is never predicted and never present (scikit-learn's zero_division=0).</summary>
    public double F1 => 2 * TruePositives + FalsePositives + FalseNegatives == 0 ? 0 : 2.0 * TruePositives / (2 * TruePositives + FalsePositives + FalseNegatives);
}

/// <summary>Multi-label scores at one decision threshold.</summary>
/// <param name="Micro">Counts of every label slot pooled: dominated by frequent labels.</param>
/// <param name="PerLabel">One score per label; their mean F1 is <see cref="MacroF1"/>, where a rare label weighs as much as a frequent one.</param>
/// <param name="SlotAccuracy">Share of (example, label) slots right: high even for a model that predicts nothing when most slots are 0.</param>
/// <param name="SubsetAccuracy">Share of examples whose whole label set is exactly right.</param>
public sealed record MultiLabelScores(double Threshold, LabelScore Micro, IReadOnlyList<LabelScore> PerLabel, double SlotAccuracy, double SubsetAccuracy)
{
    public double MicroF1 => Micro.F1;
    public double MacroF1 => PerLabel.Count == 0 ? 0 : PerLabel.Average(l => l.F1);
}

public static class MultiLabelEvaluation
{
    /// <summary>Scores probabilities (or logits, with <paramref name="logits"/>) against 0/1 targets, both (examples, labels).</summary>
    public static MultiLabelScores Score(Tensor predictions, Tensor targets, IReadOnlyList<string> labels, double threshold = 0.5, bool logits = false)
    {
        TensorChecks.Rank(predictions, 2, nameof(predictions), "predictions (examples, labels)");
        TensorChecks.FloatingPoint(predictions, nameof(predictions));
        TensorChecks.Rank(targets, 2, nameof(targets), "targets (examples, labels)");
        ArgumentNullException.ThrowIfNull(labels);
        if (!predictions.shape.SequenceEqual(targets.shape))
            throw new ArgumentException($"predictions and targets must have the same shape; got {TensorChecks.Shape(predictions)} and {TensorChecks.Shape(targets)}.", nameof(targets));
        if (labels.Count != predictions.shape[1])
            throw new ArgumentException($"labels names {labels.Count} labels; predictions have {predictions.shape[1]}.", nameof(labels));
        if (threshold is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(threshold), $"threshold is a probability in (0, 1), got {threshold}.");
        using var scope = NewDisposeScope();
        var truth = targets.cpu().to(ScalarType.Float32);
        var values = truth.flatten().data<float>().ToArray();
        if (values.Any(v => v != 0 && v != 1))
            throw new ArgumentException("targets must hold only 0 and 1.", nameof(targets));
        var probabilities = (logits ? predictions.sigmoid() : predictions).cpu().to(ScalarType.Float32);
        var predicted = probabilities.ge(threshold);
        var actual = truth.gt(0.5);
        var tp = (predicted & actual).sum(dim: 0).data<long>().ToArray();
        var fp = (predicted & actual.logical_not()).sum(dim: 0).data<long>().ToArray();
        var fn = (predicted.logical_not() & actual).sum(dim: 0).data<long>().ToArray();
        var support = actual.sum(dim: 0).data<long>().ToArray();
        var perLabel = labels.Select((label, i) => new LabelScore(label, tp[i], fp[i], fn[i], support[i])).ToList();
        var micro = new LabelScore("micro", tp.Sum(), fp.Sum(), fn.Sum(), support.Sum());
        double slot = predicted.eq(actual).to(ScalarType.Float32).mean().item<float>();
        double subset = predicted.eq(actual).all(1).to(ScalarType.Float32).mean().item<float>();
        return new MultiLabelScores(threshold, micro, perLabel, slot, subset);
    }

    /// <summary>
    /// The threshold among <paramref name="candidates"/> (default 0.05 to 0.95 in steps of 0.05) with the best micro F1 on
    /// the given (validation) data; ties go to the threshold closest to 0.5. Choose it on validation data, report on test data.
    /// </summary>
    public static MultiLabelScores BestThreshold(Tensor predictions, Tensor targets, IReadOnlyList<string> labels, bool logits = false, IEnumerable<double>? candidates = null)
    {
        var thresholds = (candidates ?? Enumerable.Range(1, 19).Select(i => i * 0.05)).ToList();
        if (thresholds.Count == 0)
            throw new ArgumentException("Give at least one candidate threshold.", nameof(candidates));
        return thresholds.Select(t => Score(predictions, targets, labels, t, logits))
            .OrderByDescending(s => s.MicroF1).ThenBy(s => Math.Abs(s.Threshold - 0.5)).First();
    }
}
