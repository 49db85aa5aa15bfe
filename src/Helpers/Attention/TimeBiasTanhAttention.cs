using NotebookCourse.Helpers.Validation;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Attention;

/// <summary>
/// The counter-example of lesson 5, reproduced faithfully from a widely copied Keras answer: <c>w</c> of shape
/// (features, 1) and <c>b</c> of shape (time, 1), one bias per time step; <c>e = tanh(x·w + b)</c>,
/// <c>a = softmax(e, time)</c>, output <c>sum(x * a, time)</c> and <c>a</c>. It ignores the mask, so pads get weight and
/// the output changes with padding; its bias ties it to one padded length and gives each position its own prior; and one
/// tanh unit bounds every score to [-1, 1], so no weight exceeds another by more than e² ≈ 7.4. Do not use it.
/// </summary>
public sealed class TimeBiasTanhAttention : nn.Module<Tensor, AttentionPooled>
{
    private readonly Parameter w;
    private readonly Parameter b;

    public TimeBiasTanhAttention(int features, int time) : base(nameof(TimeBiasTanhAttention))
    {
        if (features < 1 || time < 1)
            throw new ArgumentOutOfRangeException(nameof(features), $"Need features >= 1 and time >= 1; got {features} and {time}.");
        Features = features;
        Time = time;
        // The answer's initialisers: w "normal" (Keras' RandomNormal, stddev 0.05), b "zeros".
        w = new Parameter(normal(0, 0.05, [features, 1]));
        b = new Parameter(zeros(time, 1));
        RegisterComponents();
    }

    public int Features { get; }
    public int Time { get; }

    /// <summary>The per-position bias (time, 1): a learned prior for every position of the one length the layer was built for.</summary>
    public Tensor Bias => b;

    public override AttentionPooled forward(Tensor x)
    {
        TensorChecks.Rank(x, 3, nameof(x), "x (batch, time, features)");
        TensorChecks.FloatingPoint(x, nameof(x));
        if (x.shape[2] != Features)
            throw new ArgumentException($"x has {x.shape[2]} features; the layer was built for {Features}.", nameof(x));
        if (x.shape[1] != Time)
            throw new ArgumentException(
                $"This layer has one bias per time step, built for time = {Time}; a batch of length {x.shape[1]} cannot run (b has shape ({Time}, 1), x·w has shape ({x.shape[0]}, {x.shape[1]}, 1)).", nameof(x));
        using var scope = NewDisposeScope();
        var e = (x.matmul(w) + b).tanh().squeeze(-1);      // (batch, time), every value in [-1, 1]
        var a = e.softmax(1);                               // over every position, pads included
        var pooled = (x * a.unsqueeze(-1)).sum(1);
        return new AttentionPooled(pooled.MoveToOuterDisposeScope(), a.MoveToOuterDisposeScope(), e.MoveToOuterDisposeScope());
    }
}
