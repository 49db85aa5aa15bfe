using NotebookCourse.Helpers.Masking;
using NotebookCourse.Helpers.Validation;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Models;

/// <summary>
/// ids (batch, time) -> an embedding the model holds (trainable, pre-trained frozen or fine-tuned, or a shared table)
/// -> mask from ids (Keras' <c>mask_zero=True</c>) -> <see cref="PooledVectorHead"/>.
/// </summary>
public sealed class EmbeddingClassifier : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> embedding;
    private readonly PooledVectorHead head;

    public EmbeddingClassifier(nn.Module<Tensor, Tensor> embedding, PooledVectorHead head) : base(nameof(EmbeddingClassifier))
    {
        this.embedding = embedding ?? throw new ArgumentNullException(nameof(embedding));
        this.head = head ?? throw new ArgumentNullException(nameof(head));
        RegisterComponents();
    }

    public nn.Module<Tensor, Tensor> Embedding => embedding;
    public PooledVectorHead Head => head;

    public override Tensor forward(Tensor ids)
    {
        TensorChecks.Rank(ids, 2, nameof(ids), "ids (batch, time)");
        TensorChecks.Dtype(ids, ScalarType.Int64, nameof(ids));
        using var scope = NewDisposeScope();
        return head.forward(new MaskedSequence(embedding.forward(ids), Masks.FromIds(ids))).MoveToOuterDisposeScope();
    }
}
