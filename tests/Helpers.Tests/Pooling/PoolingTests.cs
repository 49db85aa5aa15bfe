using NotebookCourse.Helpers.Masking;
using NotebookCourse.Helpers.Pooling;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Pooling;

public class PoolingTests
{
    // One row: tokens [1, -2] and [3, -4], then a zero pad.
    static MaskedSequence Row() => new(tensor(new float[] { 1, -2, 3, -4, 0, 0 }, [1, 3, 2]), tensor(new[] { true, true, false }, [1, 3]));

    [Fact]
    public void Masked_mean_averages_real_tokens_only_by_hand()
    {
        using var scope = NewDisposeScope();
        Assert.Equal([2f, -3f], new MaskedMeanPool().forward(Row()).data<float>().ToArray());
        // Unmasked, the pad pulls the mean toward 0: (1 + 3 + 0) / 3, (-2 - 4 + 0) / 3.
        Assert.Equal([4f / 3, -2f], Row().Values.mean([1]).data<float>().ToArray());
    }

    [Fact]
    public void Masked_max_ignores_the_pad_that_an_unmasked_max_picks()
    {
        using var scope = NewDisposeScope();
        Assert.Equal([3f, -2f], new MaskedMaxPool().forward(Row()).data<float>().ToArray());
        Assert.Equal([3f, 0f], Row().Values.max(1).values.data<float>().ToArray());
    }
}
