using NotebookCourse.Helpers.Training;
using NotebookCourse.Helpers.Validation;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Embeddings;

/// <summary>An embedding (ids (batch, time) -> (batch, time, dim)) whose treatment of the pad id 0 is a named choice.</summary>
public sealed class PaddedEmbedding : nn.Module<Tensor, Tensor>, IConstrainedModel
{
    public const long PadId = 0;
    const double KerasUniformLimit = 0.05;

    private readonly Embedding embedding;

    public PaddedEmbedding(int vocabularySize, int dim, PadHandling padHandling, WeightInit init = WeightInit.KerasFaithful) : base(nameof(PaddedEmbedding))
    {
        if (vocabularySize < 2)
            throw new ArgumentOutOfRangeException(nameof(vocabularySize), $"vocabularySize must be at least 2 (the pad and one word), got {vocabularySize}.");
        if (dim < 1)
            throw new ArgumentOutOfRangeException(nameof(dim), $"dim must be at least 1, got {dim}.");
        VocabularySize = vocabularySize;
        PadHandling = padHandling;
        embedding = padHandling == PadHandling.PaddingIdx ? nn.Embedding(vocabularySize, dim, padding_idx: PadId) : nn.Embedding(vocabularySize, dim);
        RegisterComponents();
        using (no_grad())
        {
            if (padHandling == PadHandling.PositiveNonNegative)
                nn.init.uniform_(embedding.weight!, 0, KerasUniformLimit);
            else if (init == WeightInit.KerasFaithful)
                nn.init.uniform_(embedding.weight!, -KerasUniformLimit, KerasUniformLimit);
            if (padHandling == PadHandling.PaddingIdx)
                embedding.weight![PadId].zero_();
        }
    }

    public int VocabularySize { get; }
    public PadHandling PadHandling { get; }
    public Tensor Table => embedding.weight!;

    public override Tensor forward(Tensor ids)
    {
        TensorChecks.Rank(ids, 2, nameof(ids), "ids (batch, time)");
        TensorChecks.Ids(ids, VocabularySize, nameof(ids));
        var vectors = embedding.forward(ids);
        if (PadHandling != PadHandling.MaskMultiply)
            return vectors;
        using var scope = NewDisposeScope();
        return vectors.mul(ids.ne(PadId).unsqueeze(-1).to(vectors.dtype)).MoveToOuterDisposeScope();
    }

    /// <summary>Keras' NonNeg constraint for <see cref="PadHandling.PositiveNonNegative"/>; nothing otherwise.</summary>
    public void ApplyConstraints()
    {
        if (PadHandling != PadHandling.PositiveNonNegative)
            return;
        using var noGrad = no_grad();
        embedding.weight!.clamp_min_(0);
    }
}
