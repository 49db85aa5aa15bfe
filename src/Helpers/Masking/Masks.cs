using NotebookCourse.Helpers.Validation;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Masking;

/// <summary>Boolean (batch, time) masks: true at real tokens, false at pads.</summary>
public static class Masks
{
    /// <summary>From ids: a position is real when its id is not the pad id (Keras' <c>mask_zero</c>).</summary>
    public static Tensor FromIds(Tensor ids, long padId = 0)
    {
        TensorChecks.Rank(ids, 2, nameof(ids), "ids (batch, time)");
        TensorChecks.Dtype(ids, ScalarType.Int64, nameof(ids));
        return ids.ne(padId);
    }

    /// <summary>From vectors (batch, time, dim): a position is a pad when every component is exactly zero (Keras' <c>Masking(0.0)</c>).</summary>
    public static Tensor FromZeroVectors(Tensor vectors)
    {
        TensorChecks.Rank(vectors, 3, nameof(vectors), "vectors (batch, time, dim)");
        TensorChecks.FloatingPoint(vectors, nameof(vectors));
        return vectors.ne(0).any(dim: -1);
    }

    /// <summary>Real tokens per row.</summary>
    public static Tensor Lengths(Tensor mask)
    {
        TensorChecks.Rank(mask, 2, nameof(mask), "mask (batch, time)");
        TensorChecks.Dtype(mask, ScalarType.Bool, nameof(mask));
        return mask.sum(dim: 1);
    }
}
