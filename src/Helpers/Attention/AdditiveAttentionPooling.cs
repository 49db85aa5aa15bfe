using NotebookCourse.Helpers.Masking;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Attention;

/// <summary>
/// Feed-forward (additive) attention pooling, masked (Bahdanau et al. 2015; Raffel and Ellis 2015): a score per position
/// <c>s_t = vᵀ tanh(W h_t + b)</c> with weights shared across positions, a masked softmax over time, and the weighted sum
/// of the values. Pads get exactly zero weight, so the output does not depend on how much padding a batch has or on which
/// side; any length runs; an all-pad row gives a zero vector and zero weights. The hidden layer lets scores range over
/// the reals (v is unbounded), unlike a single tanh unit.
/// </summary>
public sealed class AdditiveAttentionPooling : nn.Module<MaskedSequence, AttentionPooled>
{
    private readonly Linear projection;
    private readonly Linear score;

    public AdditiveAttentionPooling(int dim, int hiddenSize) : base(nameof(AdditiveAttentionPooling))
    {
        if (dim < 1 || hiddenSize < 1)
            throw new ArgumentOutOfRangeException(nameof(dim), $"Need dim >= 1 and hiddenSize >= 1; got {dim} and {hiddenSize}.");
        Dim = dim;
        projection = nn.Linear(dim, hiddenSize);
        score = nn.Linear(hiddenSize, 1, hasBias: false);
        RegisterComponents();
    }

    public int Dim { get; }

    /// <summary>Divides the scores before the softmax: 1 is the layer as trained; towards 0 it approaches masked max selection.</summary>
    public double Temperature { get; set; } = 1.0;

    public override AttentionPooled forward(MaskedSequence input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Dim != Dim)
            throw new ArgumentException($"The attention layer expects vectors of dimension {Dim}; got (batch, time, dim) = ({input.Batch}, {input.Time}, {input.Dim}).", nameof(input));
        using var scope = NewDisposeScope();
        var values = input.ZeroedValues();   // whatever a pad holds (even inf), it cannot reach a score or the sum
        var scores = score.forward(projection.forward(values).tanh()).squeeze(-1);          // (batch, time)
        var weights = MaskedSoftmax.Weights(scores, input.Mask, Temperature);
        var pooled = Sum(values, weights);
        return new AttentionPooled(pooled.MoveToOuterDisposeScope(), weights.MoveToOuterDisposeScope(), scores.MoveToOuterDisposeScope());
    }

    /// <summary>The sum over time of the sequence's vectors (pads zeroed) times <paramref name="weights"/> (batch, time): any weighted pooling.</summary>
    public static Tensor WeightedSum(MaskedSequence input, Tensor weights)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.dim() != 2 || weights.shape[0] != input.Batch || weights.shape[1] != input.Time)
            throw new ArgumentException($"weights must be (batch, time) = ({input.Batch}, {input.Time}); got {Validation.TensorChecks.Shape(weights)}.", nameof(weights));
        using var scope = NewDisposeScope();
        return Sum(input.ZeroedValues(), weights).MoveToOuterDisposeScope();
    }

    static Tensor Sum(Tensor values, Tensor weights) => (values * weights.unsqueeze(-1)).sum(1);   // (batch, dim)
}
