using NotebookCourse.Helpers.Masking;
using NotebookCourse.Helpers.Pooling;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Models;

/// <summary>
/// Everything after the embedding in lesson 4's classifiers: masked mean over real tokens -> dense (ReLU) -> class
/// logits. The same head serves a model that embeds ids itself and one that is fed vectors from outside, so the two
/// designs differ only in where the vectors come from.
/// </summary>
public sealed class PooledVectorHead : nn.Module<MaskedSequence, Tensor>
{
    private readonly MaskedMeanPool pool;
    private readonly Linear hidden;
    private readonly Linear output;

    public PooledVectorHead(int dim, int hiddenSize, int classes) : base(nameof(PooledVectorHead))
    {
        if (dim < 1 || hiddenSize < 1 || classes < 2)
            throw new ArgumentOutOfRangeException(nameof(dim), $"Need dim >= 1, hiddenSize >= 1 and classes >= 2; got {dim}, {hiddenSize}, {classes}.");
        Dim = dim;
        pool = new MaskedMeanPool();
        hidden = nn.Linear(dim, hiddenSize);
        output = nn.Linear(hiddenSize, classes);
        KerasInit.GlorotUniformZeroBias(hidden);
        KerasInit.GlorotUniformZeroBias(output);
        RegisterComponents();
    }

    public int Dim { get; }

    public override Tensor forward(MaskedSequence input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Dim != Dim)
            throw new ArgumentException($"The head expects vectors of dimension {Dim}; got (batch, time, dim) = ({input.Batch}, {input.Time}, {input.Dim}).", nameof(input));
        using var scope = NewDisposeScope();
        return output.forward(nn.functional.relu(hidden.forward(pool.forward(input)))).MoveToOuterDisposeScope();
    }
}
