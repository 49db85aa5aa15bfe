using NotebookCourse.Helpers.Validation;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Training;

/// <summary>Softmax cross-entropy over class logits (batch, classes) and int64 class targets (batch).</summary>
public sealed class ClassificationObjective : ITrainingObjective
{
    public Tensor Loss(Tensor output, Tensor targets)
    {
        Check(output, targets);
        return nn.functional.cross_entropy(output, targets);
    }

    public long Correct(Tensor output, Tensor targets) => output.argmax(1).eq(targets).sum().item<long>();

    public long Count(Tensor output, Tensor targets) => targets.shape[0];

    static void Check(Tensor output, Tensor targets)
    {
        TensorChecks.Rank(output, 2, "output", "logits (batch, classes)");
        TensorChecks.Dtype(targets, ScalarType.Int64, "targets");
        TensorChecks.Ids(targets, output.shape[1], "targets");
    }
}
