using NotebookCourse.Helpers.Attention;
using NotebookCourse.Helpers.Masking;
using NotebookCourse.Helpers.Padding;
using NotebookCourse.Helpers.Pooling;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Attention;

[Collection(ProcessEnvironmentCollection.Name)]
public class AdditiveAttentionPoolingTests
{
    static MaskedSequence Padded(Tensor sentence, int pads, PaddingSide side)
    {
        long n = sentence.shape[0], dim = sentence.shape[1];
        var values = full(new long[] { 1, n + pads, dim }, 7f);   // pads hold garbage: only the mask may decide
        var mask = zeros(new long[] { 1, n + pads }, ScalarType.Bool);
        long start = side == PaddingSide.Pre ? pads : 0;
        values[0, TensorIndex.Slice(start, start + n)] = sentence;
        mask[0, TensorIndex.Slice(start, start + n)] = true;
        return new MaskedSequence(values, mask);
    }

    [Fact]
    public void A_hand_computed_case_scores_weights_and_pools_as_the_formula_says()
    {
        var attention = new AdditiveAttentionPooling(2, 1);
        using (no_grad())
        {
            var parameters = attention.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            parameters["projection.weight"].copy_(tensor(new float[] { 1, 0 }, [1, 2]));
            parameters["projection.bias"].zero_();
            parameters["score.weight"].copy_(tensor(new float[] { 2 }, [1, 1]));
        }
        var result = attention.forward(new MaskedSequence(tensor(new float[] { 1, 0, 0, 1 }, [1, 2, 2]), ones(new long[] { 1, 2 }, ScalarType.Bool)));
        double s0 = 2 * Math.Tanh(1), w0 = Math.Exp(s0) / (Math.Exp(s0) + 1);
        Assert.Equal([(float)s0, 0f], result.Scores[0].data<float>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Equal([(float)w0, (float)(1 - w0)], result.Weights[0].data<float>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Equal([(float)w0, (float)(1 - w0)], result.Pooled[0].data<float>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void Zero_weight_at_pads_and_the_same_output_for_0_5_and_50_pads_pre_or_post()
    {
        manual_seed(3);
        var attention = new AdditiveAttentionPooling(4, 8);
        var sentence = randn(6, 4);
        var reference = attention.forward(Padded(sentence, 0, PaddingSide.Post));
        foreach (var side in new[] { PaddingSide.Pre, PaddingSide.Post })
            foreach (int pads in new[] { 5, 50 })
            {
                var padded = Padded(sentence, pads, side);
                var result = attention.forward(padded);
                Assert.Equal(0f, result.Weights.masked_select(padded.Mask.logical_not()).abs().max().item<float>());
                Assert.True((result.Pooled - reference.Pooled).abs().max().item<float>() < 1e-6f, $"{pads} {side}");
            }
    }

    [Fact]
    public void An_all_pad_row_gives_zeros_and_pads_get_no_gradient()
    {
        manual_seed(4);
        var attention = new AdditiveAttentionPooling(3, 5);
        var values = randn(2, 4, 3).requires_grad_(true);
        var mask = tensor(new[] { true, true, false, false, false, false, false, false }, [2, 4]);
        var result = attention.forward(new MaskedSequence(values, mask));
        Assert.Equal(0f, result.Pooled[1].abs().max().item<float>());
        Assert.Equal(0f, result.Weights[1].abs().max().item<float>());
        Assert.True(result.Pooled.isfinite().all().item<bool>());
        result.Pooled.sum().backward();
        Assert.Equal(0f, values.grad![0, TensorIndex.Slice(2, 4)].abs().max().item<float>());
        Assert.Equal(0f, values.grad![1].abs().max().item<float>());
        Assert.True(values.grad![0, 0].abs().max().item<float>() > 0);
    }

    [Fact]
    public void Constant_scores_give_the_masked_mean_and_a_cold_temperature_approaches_the_masked_max_selection()
    {
        manual_seed(5);
        var attention = new AdditiveAttentionPooling(3, 4);
        using (no_grad())
            attention.named_parameters().Single(p => p.name == "score.weight").parameter.zero_();
        var input = Padded(randn(5, 3), 3, PaddingSide.Post);
        Assert.True((attention.forward(input).Pooled - new MaskedMeanPool().forward(input)).abs().max().item<float>() < 1e-6f);

        manual_seed(5);
        var trained = new AdditiveAttentionPooling(3, 4) { Temperature = 1e-4 };
        var result = trained.forward(input);
        long best = result.Scores.masked_fill(input.Mask.logical_not(), double.NegativeInfinity).argmax(1).item<long>();
        Assert.True((result.Pooled[0] - input.Values[0, best]).abs().max().item<float>() < 1e-4f);
    }
}
