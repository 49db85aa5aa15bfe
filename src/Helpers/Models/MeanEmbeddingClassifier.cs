using NotebookCourse.Helpers.Validation;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Models;

/// <summary>
/// The smallest model with a trainable embedding: ids (batch, time) -> embedding (batch, time, dim) ->
/// mean over time -> linear -> class logits. Lesson 1 trains it on unpadded sentences, so the mean needs no mask.
/// </summary>
public sealed class MeanEmbeddingClassifier : nn.Module<Tensor, Tensor>
{
    private readonly Embedding embedding;
    private readonly Linear output;

    public MeanEmbeddingClassifier(int vocabularySize, int dim, int classes) : base(nameof(MeanEmbeddingClassifier))
    {
        if (vocabularySize < 1 || dim < 1 || classes < 2)
            throw new ArgumentOutOfRangeException(nameof(vocabularySize), $"Need vocabularySize >= 1, dim >= 1 and classes >= 2; got {vocabularySize}, {dim}, {classes}.");
        VocabularySize = vocabularySize;
        embedding = nn.Embedding(vocabularySize, dim);
        output = nn.Linear(dim, classes);
        RegisterComponents();
    }

    public int VocabularySize { get; }

    /// <summary>The embedding table (vocabulary, dim): the weight this lesson watches.</summary>
    public Tensor EmbeddingTable => embedding.weight!;

    public override Tensor forward(Tensor ids)
    {
        TensorChecks.Rank(ids, 2, nameof(ids), "ids (batch, time)");
        TensorChecks.Ids(ids, VocabularySize, nameof(ids));
        using var scope = NewDisposeScope();
        return output.forward(embedding.forward(ids).mean([1])).MoveToOuterDisposeScope();
    }
}
