using NotebookCourse.Helpers.Masking;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Pooling;

/// <summary>Mean over real tokens only: (batch, time, dim) + mask -> (batch, dim). An all-pad row gives zeros.</summary>
public sealed class MaskedMeanPool : nn.Module<MaskedSequence, Tensor>
{
    public MaskedMeanPool() : base(nameof(MaskedMeanPool)) { }

    public override Tensor forward(MaskedSequence input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        // Pads are selected away, not multiplied by 0: an infinite value at a pad would make NaN.
        var sum = input.ZeroedValues().sum(dim: 1);
        // Dividing by at least 1 keeps an all-pad row at 0 / 1 = 0 instead of 0 / 0 = NaN.
        var count = input.MaskAsWeights.sum(dim: 1).clamp_min(1);
        return (sum / count).MoveToOuterDisposeScope();
    }
}
