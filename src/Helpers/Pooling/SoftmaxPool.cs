using NotebookCourse.Helpers.Masking;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Pooling;

/// <summary>
/// Pooling as a weighted mean, per feature: each feature's weights over real positions are a softmax of that feature's
/// own values divided by a temperature. A very high temperature gives equal weights (the masked mean); as it goes to 0
/// the weight concentrates on each feature's largest value (the masked max). Mean and max pooling are the two ends of
/// one family, and attention pooling is the member whose scores are learned.
/// </summary>
public static class SoftmaxPool
{
    public static Tensor Pool(MaskedSequence sequence, double temperature)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        using var scope = NewDisposeScope();
        var values = sequence.ZeroedValues();
        // (batch, time, dim) -> one softmax over time per (batch, feature): (batch * dim, time).
        long batch = sequence.Batch, time = sequence.Time, dim = sequence.Dim;
        var scores = values.permute(0, 2, 1).reshape(batch * dim, time);
        var mask = sequence.Mask.unsqueeze(1).expand(batch, dim, time).reshape(batch * dim, time);
        var weights = MaskedSoftmax.Weights(scores, mask, temperature).reshape(batch, dim, time).permute(0, 2, 1);
        return (values * weights).sum(1).MoveToOuterDisposeScope();
    }
}
