using NotebookCourse.Helpers.Masking;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Masking;

[Collection(ProcessEnvironmentCollection.Name)]
public class MaskedSoftmaxTests
{
    static Tensor Mask(params bool[][] rows) => tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]);

    [Fact]
    public void Pads_get_exactly_zero_and_real_tokens_share_the_weight_as_a_softmax_over_them_alone()
    {
        var weights = MaskedSoftmax.Weights(tensor(new float[] { 1, 2, 3 }, [1, 3]), Mask([true, true, false]));
        double e1 = Math.E, e2 = Math.E * Math.E;
        Assert.Equal([(float)(e1 / (e1 + e2)), (float)(e2 / (e1 + e2)), 0f], weights[0].data<float>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void An_all_pad_row_gives_zeros_where_minus_infinity_gives_NaN_and_minus_1e9_gives_uniform_weights()
    {
        var scores = tensor(new float[] { 0.3f, -1, 2 }, [1, 3]);
        var mask = Mask([false, false, false]);
        Assert.Equal([0f, 0f, 0f], MaskedSoftmax.Weights(scores, mask)[0].data<float>().ToArray());
        Assert.True(scores.masked_fill(mask.logical_not(), double.NegativeInfinity).softmax(1).isnan().all().item<bool>());
        Assert.Equal([1 / 3f, 1 / 3f, 1 / 3f], scores.masked_fill(mask.logical_not(), -1e9).softmax(1)[0].data<float>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void Large_scores_do_not_overflow_pads_get_no_gradient_and_temperature_towards_zero_picks_the_maximum()
    {
        var scores = tensor(new float[] { 1000, 999, 5000 }, [1, 3]).requires_grad_(true);
        var mask = Mask([true, true, false]);
        var weights = MaskedSoftmax.Weights(scores, mask);
        Assert.True(weights.isfinite().all().item<bool>());
        Assert.Equal(1 / (1 + Math.Exp(-1)), weights[0, 0].item<float>(), 5);
        (weights * tensor(new float[] { 1, 2, 3 })).sum().backward();
        Assert.Equal(0f, scores.grad![0, 2].item<float>());
        var cold = MaskedSoftmax.Weights(tensor(new float[] { 0.5f, 0.4f, 9 }, [1, 3]), mask, temperature: 0.001);
        Assert.Equal([1f, 0f, 0f], cold[0].data<float>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Throws<ArgumentOutOfRangeException>(() => MaskedSoftmax.Weights(scores, mask, temperature: 0));
    }
}
