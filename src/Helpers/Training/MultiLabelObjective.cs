using NotebookCourse.Helpers.Validation;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Training;

/// <summary>
/// Multi-label classification: one logit per label, binary cross-entropy with logits averaged over examples and labels
/// (Keras' sigmoid outputs with <c>binary_crossentropy</c>). Counted per example; an example is correct when its whole
/// label set is right at a 0.5 threshold.
/// </summary>
public sealed class MultiLabelObjective : ITrainingObjective
{
    public Tensor Loss(Tensor output, Tensor targets)
    {
        Check(output, targets);
        return nn.functional.binary_cross_entropy_with_logits(output, targets.to(output.dtype));
    }

    public long Correct(Tensor output, Tensor targets)
    {
        Check(output, targets);
        return output.gt(0).eq(targets.gt(0.5)).all(1).sum().item<long>();
    }

    public long Count(Tensor output, Tensor targets) => targets.shape[0];

    static void Check(Tensor output, Tensor targets)
    {
        TensorChecks.Rank(output, 2, nameof(output), "logits (batch, labels)");
        if (!output.shape.SequenceEqual(targets.shape))
            throw new ArgumentException($"Multi-label targets must have the logits' shape (batch, labels); got logits {TensorChecks.Shape(output)} and targets {TensorChecks.Shape(targets)}.", nameof(targets));
    }
}
