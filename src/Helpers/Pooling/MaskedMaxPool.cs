using NotebookCourse.Helpers.Masking;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Pooling;

/// <summary>Maximum over real tokens only: (batch, time, dim) + mask -> (batch, dim). An all-pad row gives zeros, not -inf.</summary>
public sealed class MaskedMaxPool : nn.Module<MaskedSequence, Tensor>
{
    public MaskedMaxPool() : base(nameof(MaskedMaxPool)) { }

    public override Tensor forward(MaskedSequence input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var padPositions = input.Mask.logical_not().unsqueeze(-1);
        var maxima = input.Values.masked_fill(padPositions, double.NegativeInfinity).max(dim: 1).values;
        var hasTokens = input.Mask.any(dim: 1).unsqueeze(-1);
        return where(hasTokens, maxima, zeros_like(maxima)).MoveToOuterDisposeScope();
    }
}
