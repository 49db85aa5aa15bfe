using NotebookCourse.Helpers.Validation;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Pretrained;

/// <summary>
/// An embedding whose table is aligned pre-trained vectors, frozen (Keras' <c>trainable=False</c>: the table gets no
/// gradient and the trainer gives it to no optimizer) or fine-tuned. The pad row is zero from the alignment and, as
/// <c>padding_idx</c>, never receives gradient, so fine-tuning cannot move it either.
/// </summary>
public sealed class PretrainedEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly Embedding embedding;

    public PretrainedEmbedding(AlignedVectors vectors, bool frozen) : base(nameof(PretrainedEmbedding))
    {
        ArgumentNullException.ThrowIfNull(vectors);
        // Not Embedding_from_pretrained: in TorchSharp 0.107 its freeze leaves parameters() reporting the table as
        // requiring gradient, so an optimizer built from parameters() would still take it.
        embedding = nn.Embedding(vectors.Rows, vectors.Dimension, padding_idx: 0);
        // Straight into the weight's storage: a temporary tensor would briefly hold a second copy of a large table.
        embedding.weight!.data<float>().CopyFrom(vectors.Values);
        if (frozen)
            foreach (var parameter in embedding.parameters())
                parameter.requires_grad_(false);
        Frozen = frozen;
        Rows = vectors.Rows;
        TableHash = Pretrained.TableHash.Of(vectors.Values, vectors.Rows, vectors.Dimension);
        RegisterComponents();
    }

    public bool Frozen { get; }
    public int Rows { get; }

    /// <summary>The content hash of the table this embedding started from.</summary>
    public string TableHash { get; }

    public Tensor Table => embedding.weight!;

    public override Tensor forward(Tensor ids)
    {
        TensorChecks.Rank(ids, 2, nameof(ids), "ids (batch, time)");
        TensorChecks.Ids(ids, Rows, nameof(ids));
        return embedding.forward(ids);
    }
}
