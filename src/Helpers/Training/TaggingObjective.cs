using NotebookCourse.Helpers.Tagging;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Training;

/// <summary>
/// Binary per-token tagging: logits (batch, time), targets padded with <see cref="TokenLabels.Pad"/>. With
/// <c>realTokensOnly</c> the loss and accuracy count real tokens only; without, pads count as correctly
/// predicted 0s, which is what a model that ignores the mask is trained and scored on.
/// </summary>
public sealed class TaggingObjective(bool realTokensOnly = true) : ITrainingObjective
{
    public bool RealTokensOnly { get; } = realTokensOnly;

    public Tensor Loss(Tensor output, Tensor targets) =>
        RealTokensOnly ? TokenBinaryCrossEntropy.OverRealTokens(output, targets) : TokenBinaryCrossEntropy.OverAllPositions(output, targets);

    public long Correct(Tensor output, Tensor targets) => TokenBinaryCrossEntropy.Accuracy(output, targets, RealTokensOnly).Correct;

    public long Count(Tensor output, Tensor targets) => RealTokensOnly ? targets.ne(TokenLabels.Pad).sum().item<long>() : targets.numel();
}
