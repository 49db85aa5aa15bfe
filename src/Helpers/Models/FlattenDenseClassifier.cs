using NotebookCourse.Helpers.Embeddings;
using NotebookCourse.Helpers.Training;
using NotebookCourse.Helpers.Validation;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Models;

/// <summary>
/// The model from the original question: embedding (vocabulary, dim) -> flatten (maxLength * dim) ->
/// dense(layerSize, relu) -> dropout -> dense(classes), trained with softmax cross-entropy. Flatten keeps
/// every position as its own input, so whatever sits at a pad position reaches the dense layer.
/// </summary>
public sealed class FlattenDenseClassifier : nn.Module<Tensor, Tensor>, IConstrainedModel
{
    private readonly PaddedEmbedding embedding;
    private readonly Linear hidden;
    private readonly Dropout dropout;
    private readonly Linear output;

    public FlattenDenseClassifier(int vocabularySize, int maxLength, int embeddingDim, int classes, PadHandling padHandling,
        int layerSize = 25, double dropoutRate = 0.3, WeightInit init = WeightInit.KerasFaithful) : base(nameof(FlattenDenseClassifier))
    {
        if (maxLength < 1 || embeddingDim < 1 || layerSize < 1 || classes < 2)
            throw new ArgumentOutOfRangeException(nameof(maxLength), $"Need maxLength, embeddingDim, layerSize >= 1 and classes >= 2; got {maxLength}, {embeddingDim}, {layerSize}, {classes}.");
        if (dropoutRate is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(dropoutRate), $"dropoutRate must be in [0, 1), got {dropoutRate}.");
        MaxLength = maxLength;
        embedding = new PaddedEmbedding(vocabularySize, embeddingDim, padHandling, init);
        hidden = nn.Linear(maxLength * (long)embeddingDim, layerSize);
        dropout = nn.Dropout(dropoutRate);
        output = nn.Linear(layerSize, classes);
        if (init == WeightInit.KerasFaithful)
        {
            KerasInit.GlorotUniformZeroBias(hidden);
            KerasInit.GlorotUniformZeroBias(output);
        }
        RegisterComponents();
    }

    public int MaxLength { get; }
    public PaddedEmbedding Embedding => embedding;

    /// <summary>What the dense layer receives: the flattened (batch, maxLength * dim) embeddings.</summary>
    public Tensor Flattened(Tensor ids)
    {
        TensorChecks.Rank(ids, 2, nameof(ids), "ids (batch, time)");
        if (ids.shape[1] != MaxLength)
            throw new ArgumentException($"ids must be padded to the model's length {MaxLength}, got shape {TensorChecks.Shape(ids)}.", nameof(ids));
        return embedding.forward(ids).flatten(1);
    }

    /// <summary>The hidden layer's relu outputs (batch, layerSize), before dropout.</summary>
    public Tensor HiddenActivations(Tensor ids)
    {
        using var scope = NewDisposeScope();
        return nn.functional.relu(hidden.forward(Flattened(ids))).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The hidden pre-activation (without bias) split by where its input came from: W (x at pad positions) and
    /// W (x at token positions). The two add up to W x, so their sizes say how much of what the dense layer
    /// computes is driven by pads.
    /// </summary>
    public (Tensor FromPads, Tensor FromTokens) PreActivationParts(Tensor ids)
    {
        using var scope = NewDisposeScope();
        var (_, fromPads, fromTokens) = PreActivationSplit(ids);
        return (fromPads.MoveToOuterDisposeScope(), fromTokens.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The hidden pre-activation W x + b as the forward computes it (batch, layerSize), and its parts without bias from
    /// pad positions and from token positions, for the caller's dispose scope.
    /// </summary>
    internal (Tensor PreActivation, Tensor FromPads, Tensor FromTokens) PreActivationSplit(Tensor ids)
    {
        var x = Flattened(ids);
        var weight = hidden.weight!;
        long units = weight.shape[0], dim = x.shape[1] / MaxLength;
        var preActivation = hidden.forward(x);
        // The embedding maps the pad id to one vector wherever it stands, so the pads' part of unit u is the sum, over
        // the document's pad positions, of u's weights there times that vector: a (batch, time) x (time, units)
        // product instead of a second one of the whole input with the weights. The tokens' part is the rest of W x
        // (equal to masking the input, to float rounding).
        var padVector = embedding.forward(full(1, 1, PaddedEmbedding.PadId, ScalarType.Int64, ids.device)).view(dim);
        var padPerPosition = weight.view(units, MaxLength, dim).matmul(padVector);
        var fromPads = ids.eq(PaddedEmbedding.PadId).to(x.dtype).matmul(padPerPosition.t());
        var fromTokens = preActivation - hidden.bias! - fromPads;
        return (preActivation, fromPads, fromTokens);
    }

    public override Tensor forward(Tensor ids)
    {
        using var scope = NewDisposeScope();
        var features = nn.functional.relu(hidden.forward(Flattened(ids)));
        return output.forward(dropout.forward(features)).MoveToOuterDisposeScope();
    }

    public void ApplyConstraints() => embedding.ApplyConstraints();
}
