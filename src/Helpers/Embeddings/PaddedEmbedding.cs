using NotebookCourse.Helpers.Training;
using NotebookCourse.Helpers.Validation;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Embeddings;

/// <summary>
/// An embedding (ids (batch, time) -> (batch, time, dim)) whose treatment of the pad id 0 is a named choice.
/// Training on the CPU, its backward is <see cref="EmbeddingLookup"/>'s (faster when most ids are pads, same gradient),
/// which puts the table's gradient in its <c>grad</c> during <c>backward()</c>: use <c>backward()</c>, not
/// <c>autograd.grad</c>, for the table's gradient.
/// </summary>
public sealed class PaddedEmbedding : nn.Module<Tensor, Tensor>, IConstrainedModel
{
    public const long PadId = 0;
    const double KerasUniformLimit = 0.05;
    const double PositiveLowerLimit = 0.0001;

    private readonly Embedding embedding;
    private readonly float[]? frozenPad;

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
            else if (padHandling is PadHandling.PositiveMaskMultiply or PadHandling.PositiveMaskMultiplyNonNegative)
                nn.init.uniform_(embedding.weight!, PositiveLowerLimit, KerasUniformLimit);
            else if (init == WeightInit.KerasFaithful)
                nn.init.uniform_(embedding.weight!, -KerasUniformLimit, KerasUniformLimit);
            if (padHandling is PadHandling.PaddingIdx or PadHandling.ZeroStartTrainablePad)
                embedding.weight![PadId].zero_();
            if (padHandling == PadHandling.FrozenRandomPad)
                frozenPad = embedding.weight![PadId].cpu().data<float>().ToArray();
        }
    }

    /// <summary>Whether pad positions are multiplied by the mask (zero whatever row 0 holds).</summary>
    public bool MultipliesByMask => PadHandling is PadHandling.MaskMultiply or PadHandling.PositiveMaskMultiply or PadHandling.PositiveMaskMultiplyNonNegative;

    public int VocabularySize { get; }
    public PadHandling PadHandling { get; }
    public Tensor Table => embedding.weight!;

    public override Tensor forward(Tensor ids)
    {
        TensorChecks.Rank(ids, 2, nameof(ids), "ids (batch, time)");
        TensorChecks.Ids(ids, VocabularySize, nameof(ids));
        // The same values and gradients as embedding.forward, with a backward that is faster when most ids are pads.
        var vectors = EmbeddingLookup.Applies(Table, ids)
            ? EmbeddingLookup.Lookup(embedding, ids, PadHandling == PadHandling.PaddingIdx ? PadId : -1)
            : embedding.forward(ids);
        if (!MultipliesByMask)
            return vectors;
        using var scope = NewDisposeScope();
        return vectors.mul(ids.ne(PadId).unsqueeze(-1).to(vectors.dtype)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// After each optimizer step: Keras' NonNeg constraint for the non-negative conditions; for
    /// <see cref="PadHandling.FrozenRandomPad"/>, row 0 is put back to its initial value (Adam would otherwise move it).
    /// </summary>
    public void ApplyConstraints()
    {
        using var noGrad = no_grad();
        if (PadHandling is PadHandling.PositiveNonNegative or PadHandling.PositiveMaskMultiplyNonNegative)
            embedding.weight!.clamp_min_(0);
        else if (frozenPad is not null)
            embedding.weight![PadId].copy_(tensor(frozenPad, device: embedding.weight.device));
    }
}
