using NotebookCourse.Helpers.Embeddings;
using NotebookCourse.Helpers.Masking;
using NotebookCourse.Helpers.Recurrent;
using NotebookCourse.Helpers.Tagging;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Models;

/// <summary>
/// Sequence tagging: ids (batch, time) -> embedding (pad row zero) -> bidirectional LSTM -> per-token dense ->
/// one logit per position (batch, time); sigmoid gives the probability that the token is an entity.
/// With <c>masked</c> the LSTM is packed by the mask; without, it reads pads as tokens.
/// </summary>
public sealed class BiLstmTagger : nn.Module<Tensor, Tensor>
{
    private readonly PaddedEmbedding embedding;
    private readonly MaskedLstm lstm;
    private readonly TimeDistributedDense head;

    public BiLstmTagger(int vocabularySize, int embeddingDim, int hiddenSize, bool masked = true) : base(nameof(BiLstmTagger))
    {
        Masked = masked;
        embedding = new PaddedEmbedding(vocabularySize, embeddingDim, PadHandling.PaddingIdx, WeightInit.KerasFaithful);
        lstm = new MaskedLstm(embeddingDim, hiddenSize, bidirectional: true);
        head = new TimeDistributedDense(lstm.OutputSize, 1);
        RegisterComponents();
    }

    public bool Masked { get; }

    public override Tensor forward(Tensor ids)
    {
        using var scope = NewDisposeScope();
        var embedded = MaskedSequence.FromIds(ids, embedding.forward(ids));
        var states = Masked
            ? lstm.forward(embedded).Outputs
            : new MaskedSequence(lstm.ForwardIgnoringMask(embedded.Values).Outputs, ones_like(embedded.Mask));
        return head.forward(states).Values.squeeze(-1).MoveToOuterDisposeScope();
    }
}
