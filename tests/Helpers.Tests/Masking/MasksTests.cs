using NotebookCourse.Helpers.Masking;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Masking;

public class MasksTests
{
    [Fact]
    public void A_mask_from_ids_is_true_at_real_tokens()
    {
        using var scope = NewDisposeScope();
        var mask = Masks.FromIds(tensor(new long[] { 0, 0, 5, 3, 7, 0 }, [2, 3]));
        Assert.Equal([false, false, true, true, true, false], mask.data<bool>().ToArray());
        Assert.Equal([1L, 2], Masks.Lengths(mask).data<long>().ToArray());
    }

    [Fact]
    public void A_mask_from_vectors_is_false_only_where_every_component_is_zero()
    {
        using var scope = NewDisposeScope();
        var vectors = tensor(new float[] { 0, 0, 0, 1e-8f, 0, -2, 0, 0 }, [1, 4, 2]);
        Assert.Equal([false, true, true, false], Masks.FromZeroVectors(vectors).data<bool>().ToArray());
    }

    [Fact]
    public void Wrong_shapes_and_dtypes_are_named()
    {
        using var scope = NewDisposeScope();
        Assert.Contains("ids must be 2-D ids (batch, time), got shape (3)", Assert.Throws<ArgumentException>(() => Masks.FromIds(tensor(new long[] { 1, 2, 3 }))).Message);
        Assert.Contains("ids must have dtype Int64, got Float32", Assert.Throws<ArgumentException>(() => Masks.FromIds(zeros(2, 2))).Message);
        Assert.Contains("vectors must be a floating-point tensor", Assert.Throws<ArgumentException>(() => Masks.FromZeroVectors(zeros([1, 2, 2], ScalarType.Int64))).Message);
    }
}
