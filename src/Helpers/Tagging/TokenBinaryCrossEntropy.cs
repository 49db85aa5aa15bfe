using NotebookCourse.Helpers.Masking;
using NotebookCourse.Helpers.Validation;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tagging;

/// <summary>Per-token binary cross-entropy and accuracy from logits (batch, time) and targets (batch, time) padded with <see cref="TokenLabels.Pad"/>.</summary>
public static class TokenBinaryCrossEntropy
{
    /// <summary>Averaged over real tokens only: pads contribute nothing and are not counted.</summary>
    public static Tensor OverRealTokens(Tensor logits, Tensor targets)
    {
        Check(logits, targets);
        using var scope = NewDisposeScope();
        var real = targets.ne(TokenLabels.Pad);
        var losses = nn.functional.binary_cross_entropy_with_logits(logits, targets.clamp_min(0).to(logits.dtype), reduction: nn.Reduction.None);
        // Selected, not multiplied by 0: an infinite loss at a pad would make NaN.
        var realLosses = MaskedSequence.ZeroAtPads(losses, real);
        return (realLosses.sum() / real.sum().clamp_min(1).to(losses.dtype)).MoveToOuterDisposeScope();
    }

    /// <summary>Averaged over every position, pads scored as label 0: what a loss that ignores the mask reports.</summary>
    public static Tensor OverAllPositions(Tensor logits, Tensor targets)
    {
        Check(logits, targets);
        using var scope = NewDisposeScope();
        return nn.functional.binary_cross_entropy_with_logits(logits, targets.clamp_min(0).to(logits.dtype)).MoveToOuterDisposeScope();
    }

    /// <summary>(correct, counted) over real tokens, or over every position with pads as 0.</summary>
    public static (long Correct, long Count) Accuracy(Tensor logits, Tensor targets, bool realTokensOnly)
    {
        Check(logits, targets);
        using var scope = NewDisposeScope();
        var predicted = logits.gt(0).to(ScalarType.Int64);
        var correct = predicted.eq(targets.clamp_min(0));
        if (!realTokensOnly)
            return (correct.sum().item<long>(), targets.numel());
        var real = targets.ne(TokenLabels.Pad);
        return (correct.logical_and(real).sum().item<long>(), real.sum().item<long>());
    }

    static void Check(Tensor logits, Tensor targets)
    {
        TensorChecks.Rank(logits, 2, nameof(logits), "logits (batch, time)");
        TensorChecks.Dtype(targets, ScalarType.Int64, nameof(targets));
        if (!logits.shape.SequenceEqual(targets.shape))
            throw new ArgumentException($"logits and targets must have the same shape: logits {TensorChecks.Shape(logits)}, targets {TensorChecks.Shape(targets)}.", nameof(targets));
        if (targets.numel() > 0 && (targets.min().item<long>() < TokenLabels.Pad || targets.max().item<long>() > 1))
            throw new ArgumentOutOfRangeException(nameof(targets), $"targets must be 0, 1 or {TokenLabels.Pad} (pad); found values from {targets.min().item<long>()} to {targets.max().item<long>()}.");
    }
}
