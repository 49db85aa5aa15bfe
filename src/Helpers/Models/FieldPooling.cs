namespace NotebookCourse.Helpers.Models;

/// <summary>How a token field's vectors (one per position) become one vector per example (lesson 5 compares them).</summary>
public enum FieldPooling
{
    /// <summary>Maximum over every position, pads included (Keras' GlobalMaxPooling1D ignores the mask).</summary>
    Max,
    /// <summary>Mean over every position, pads included.</summary>
    Mean,
    /// <summary>Maximum over real tokens; an empty field gives zeros.</summary>
    MaskedMax,
    /// <summary>Mean over real tokens; an empty field gives zeros.</summary>
    MaskedMean,
    /// <summary>The widely copied layer with one bias per time step and no mask (<see cref="Attention.TimeBiasTanhAttention"/>); fixed length.</summary>
    TimeBiasTanhAttention,
    /// <summary>Masked additive attention (<see cref="Attention.AdditiveAttentionPooling"/>).</summary>
    AdditiveAttention,
}

/// <summary>One token field of a <see cref="MultiFieldClassifier"/>: its own vocabulary, embedding, optional BiLSTM and pooling.</summary>
/// <param name="RecurrentHidden">0: pool the embeddings; otherwise a bidirectional LSTM of this hidden size first (packed for the masked poolings, over every position for the others).</param>
/// <param name="AttentionHidden">Hidden size of <see cref="FieldPooling.AdditiveAttention"/>.</param>
/// <param name="Length">The padded length; <see cref="FieldPooling.TimeBiasTanhAttention"/> is built for it and refuses any other.</param>
public sealed record TokenField(string Name, int VocabularySize, int EmbeddingDim, FieldPooling Pooling, int Length, int RecurrentHidden = 0, int AttentionHidden = 16);
