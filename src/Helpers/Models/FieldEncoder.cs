using NotebookCourse.Helpers.Attention;
using NotebookCourse.Helpers.Masking;
using NotebookCourse.Helpers.Pooling;
using NotebookCourse.Helpers.Recurrent;
using NotebookCourse.Helpers.Validation;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Models;

/// <summary>
/// One token field, ids (batch, time) -> one vector per example: embedding (Keras' default, a learned pad row, with
/// <c>mask_zero</c>'s mask from ids), an optional bidirectional LSTM, then the field's <see cref="FieldPooling"/>.
/// </summary>
public sealed class FieldEncoder : nn.Module<Tensor, Tensor>
{
    private readonly Embedding embedding;
    private readonly MaskedLstm? lstm;
    private readonly MaskedMeanPool meanPool = new();
    private readonly MaskedMaxPool maxPool = new();
    private readonly AdditiveAttentionPooling? additive;
    private readonly TimeBiasTanhAttention? timeBias;

    public FieldEncoder(TokenField field) : base($"{nameof(FieldEncoder)}({field?.Name})")
    {
        Field = field ?? throw new ArgumentNullException(nameof(field));
        if (field.VocabularySize < 2 || field.EmbeddingDim < 1 || field.Length < 1 || field.RecurrentHidden < 0 || field.AttentionHidden < 1)
            throw new ArgumentOutOfRangeException(nameof(field),
                $"Field '{field.Name}': need VocabularySize >= 2, EmbeddingDim >= 1, Length >= 1, RecurrentHidden >= 0 and AttentionHidden >= 1; got {field}.");
        embedding = nn.Embedding(field.VocabularySize, field.EmbeddingDim);
        using (no_grad())
            nn.init.uniform_(embedding.weight!, -0.05, 0.05);
        if (field.RecurrentHidden > 0)
            lstm = new MaskedLstm(field.EmbeddingDim, field.RecurrentHidden, bidirectional: true);
        OutputSize = lstm?.OutputSize ?? field.EmbeddingDim;
        if (field.Pooling == FieldPooling.AdditiveAttention)
            additive = new AdditiveAttentionPooling(OutputSize, field.AttentionHidden);
        if (field.Pooling == FieldPooling.TimeBiasTanhAttention)
            timeBias = new TimeBiasTanhAttention(OutputSize, field.Length);
        RegisterComponents();
    }

    public TokenField Field { get; }
    public int OutputSize { get; }

    /// <summary>The trained question's layer, when this field uses <see cref="FieldPooling.TimeBiasTanhAttention"/>.</summary>
    public TimeBiasTanhAttention? TimeBiasAttention => timeBias;

    /// <summary>The trained masked attention layer, when this field uses <see cref="FieldPooling.AdditiveAttention"/>.</summary>
    public AdditiveAttentionPooling? AdditiveAttention => additive;

    /// <summary>The field's embedding of <paramref name="ids"/> (batch, time, EmbeddingDim), pad rows as the table holds them.</summary>
    public Tensor Embed(Tensor ids)
    {
        TensorChecks.Rank(ids, 2, nameof(ids), $"ids of field '{Field.Name}' (batch, time)");
        TensorChecks.Ids(ids, Field.VocabularySize, nameof(ids));
        return embedding.forward(ids);
    }

    public override Tensor forward(Tensor ids) => Encode(ids).Pooled;

    /// <summary>The pooled vector (batch, OutputSize) and, for the attention poolings, the weights (batch, time).</summary>
    public (Tensor Pooled, Tensor? Weights) Encode(Tensor ids)
    {
        TensorChecks.Rank(ids, 2, nameof(ids), $"ids of field '{Field.Name}' (batch, time)");
        TensorChecks.Ids(ids, Field.VocabularySize, nameof(ids));
        using var scope = NewDisposeScope();
        var embedded = MaskedSequence.FromIds(ids, embedding.forward(ids));
        bool masked = Field.Pooling is FieldPooling.MaskedMax or FieldPooling.MaskedMean or FieldPooling.AdditiveAttention;
        // The masked poolings get a packed LSTM (zero outputs at pads); the others read every position, as the question's model does.
        var sequence = lstm is null ? embedded
            : masked ? lstm.forward(embedded).Outputs
            : embedded.WithValues(lstm.ForwardIgnoringMask(embedded.Values).Outputs);
        Tensor pooled;
        Tensor? weights = null;
        switch (Field.Pooling)
        {
            case FieldPooling.Max:
                pooled = sequence.Values.max(1).values;
                break;
            case FieldPooling.Mean:
                pooled = sequence.Values.mean([1]);
                break;
            case FieldPooling.MaskedMax:
                pooled = maxPool.forward(sequence);
                break;
            case FieldPooling.MaskedMean:
                pooled = meanPool.forward(sequence);
                break;
            case FieldPooling.AdditiveAttention:
                var attended = additive!.forward(sequence);
                (pooled, weights) = (attended.Pooled, attended.Weights);
                break;
            case FieldPooling.TimeBiasTanhAttention:
                var naive = timeBias!.forward(sequence.Values);
                (pooled, weights) = (naive.Pooled, naive.Weights);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(Field.Pooling), $"Unknown FieldPooling {Field.Pooling}.");
        }
        return (pooled.MoveToOuterDisposeScope(), weights?.MoveToOuterDisposeScope());
    }
}
