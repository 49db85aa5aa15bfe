using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Training;

/// <summary>What the trainer minimises and how it counts correct answers, so one trainer serves classification and tagging.</summary>
public interface ITrainingObjective
{
    /// <summary>The mean loss over the units <see cref="Count"/> counts (examples, or real tokens).</summary>
    Tensor Loss(Tensor output, Tensor targets);

    /// <summary>Correct predictions among the counted units.</summary>
    long Correct(Tensor output, Tensor targets);

    /// <summary>How many units the batch has (to weight its mean loss in the epoch average).</summary>
    long Count(Tensor output, Tensor targets);
}
