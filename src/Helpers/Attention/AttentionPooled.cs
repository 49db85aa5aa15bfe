using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Attention;

/// <summary>What an attention pooling layer returns: the pooled vector (batch, dim), the weights (batch, time) and the scores before the softmax (batch, time).</summary>
public sealed record AttentionPooled(Tensor Pooled, Tensor Weights, Tensor Scores);
