using NotebookCourse.Helpers.Validation;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Masking;

/// <summary>
/// Softmax over time that gives pads exactly zero weight. Filling pad scores with -inf alone makes an all-pad row
/// 0 / 0 = NaN; filling with a large negative constant (-1e9) alone spreads the weight uniformly over the pads of such
/// a row. Here the maximum is taken over real positions only, pads are selected away after the exponential, and a row
/// without tokens gives zeros.
/// </summary>
public static class MaskedSoftmax
{
    /// <param name="scores">(batch, time) floating point.</param>
    /// <param name="mask">(batch, time) bool, true at real tokens.</param>
    /// <param name="temperature">Scores are divided by it: towards 0 the weights approach a one-hot on the largest score.</param>
    public static Tensor Weights(Tensor scores, Tensor mask, double temperature = 1.0)
    {
        TensorChecks.Rank(scores, 2, nameof(scores), "scores (batch, time)");
        TensorChecks.FloatingPoint(scores, nameof(scores));
        TensorChecks.Rank(mask, 2, nameof(mask), "mask (batch, time)");
        TensorChecks.Dtype(mask, ScalarType.Bool, nameof(mask));
        if (!scores.shape.SequenceEqual(mask.shape))
            throw new ArgumentException($"scores and mask must have the same shape; got {TensorChecks.Shape(scores)} and {TensorChecks.Shape(mask)}.", nameof(mask));
        if (!(temperature > 0) || double.IsInfinity(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), $"temperature must be positive and finite, got {temperature}.");
        using var scope = NewDisposeScope();
        var scaled = scores / temperature;
        var zero = zeros(1, dtype: scores.dtype, device: scores.device);
        // Max over real positions (pads at -inf); an all-pad row's -inf max becomes 0 so that nothing below is inf - inf.
        var masked = scaled.masked_fill(mask.logical_not(), double.NegativeInfinity);
        var max = masked.max(1, keepdim: true).values;
        max = where(max.isfinite(), max, zero).detach();
        // Pads are shifted to 0 before the exponential, not after: a pad's exp could overflow to inf, and inf times the
        // zero gradient that reaches it would be NaN.
        var exp = where(mask, where(mask, scaled - max, zero).exp(), zero);
        var sum = exp.sum(1, keepdim: true);
        return (exp / where(sum > 0, sum, ones_like(sum))).MoveToOuterDisposeScope();
    }
}
