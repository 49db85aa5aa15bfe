using NotebookCourse.Helpers.Masking;
using NotebookCourse.Helpers.Validation;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Models;

/// <summary>
/// A model fed pre-computed vectors (batch, time, dim) instead of ids, as with Keras' <c>Input(shape=(time, dim))</c>
/// followed by <c>Masking(mask_value=0.0)</c>: the mask comes from zero vectors. <see cref="Forward(MaskedSequence)"/>
/// takes a mask computed elsewhere (from ids shipped along), which is one fix for the zero-vector pitfall.
/// </summary>
public sealed class ExternalVectorClassifier : nn.Module<Tensor, Tensor>
{
    private readonly PooledVectorHead head;

    public ExternalVectorClassifier(PooledVectorHead head) : base(nameof(ExternalVectorClassifier))
    {
        this.head = head ?? throw new ArgumentNullException(nameof(head));
        RegisterComponents();
    }

    public PooledVectorHead Head => head;

    /// <summary>Mask from the vectors: a position whose vector is all zeros is a pad.</summary>
    public override Tensor forward(Tensor vectors)
    {
        TensorChecks.Rank(vectors, 3, nameof(vectors), "vectors (batch, time, dim)");
        return head.forward(MaskedSequence.FromZeroVectors(vectors));
    }

    /// <summary>Mask supplied with the vectors (from ids), so a real word with a zero vector stays a token.</summary>
    public Tensor Forward(MaskedSequence vectors) => head.forward(vectors);
}
