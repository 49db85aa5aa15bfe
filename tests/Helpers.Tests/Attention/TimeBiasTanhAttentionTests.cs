using NotebookCourse.Helpers.Attention;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Attention;

[Collection(ProcessEnvironmentCollection.Name)]
public class TimeBiasTanhAttentionTests
{
    [Fact]
    public void Flaw_1_pads_get_weight_so_the_output_changes_with_the_padded_length()
    {
        manual_seed(1);
        var sentence = randn(1, 6, 4);
        var short10 = new TimeBiasTanhAttention(4, 10);
        var long20 = new TimeBiasTanhAttention(4, 20);
        using (no_grad())
            long20.parameters().First().copy_(short10.parameters().First());   // the same w, b is zero in both
        var a = short10.forward(cat([sentence, zeros(1, 4, 4)], 1));
        var b = long20.forward(cat([sentence, zeros(1, 14, 4)], 1));
        Assert.True(a.Weights[0, TensorIndex.Slice(6, 10)].sum().item<float>() > 0.2f);
        Assert.True((a.Pooled - b.Pooled).abs().max().item<float>() > 1e-3f);
    }

    [Fact]
    public void Flaw_2_one_bias_per_position_scores_a_word_by_where_it_stands_and_refuses_other_lengths()
    {
        var layer = new TimeBiasTanhAttention(2, 3);
        using (no_grad())
            layer.Bias.copy_(tensor(new float[] { 0.5f, -0.5f, 0 }, [3, 1]));
        var word = tensor(new float[] { 0.2f, 0.1f });
        var scores = layer.forward(stack([word, word, word]).unsqueeze(0)).Scores[0].data<float>().ToArray();
        Assert.True(scores[0] - scores[1] > 0.5f);
        var error = Assert.Throws<ArgumentException>(() => layer.forward(zeros(1, 4, 2)));
        Assert.Contains("built for time = 3; a batch of length 4 cannot run", error.Message);
    }

    [Fact]
    public void Flaw_3_a_single_tanh_unit_bounds_every_weight_ratio_by_e_squared()
    {
        manual_seed(2);
        var layer = new TimeBiasTanhAttention(8, 50);
        using (no_grad())
            layer.parameters().First().mul_(1000);   // a huge w: scores saturate at -1 and 1
        var weights = layer.forward(randn(4, 50, 8) * 10).Weights;
        var ratio = (weights.max(1).values / weights.min(1).values).max().item<float>();
        Assert.True(ratio <= Math.Exp(2) * 1.0001, $"largest weight ratio {ratio}");
        Assert.True(ratio > 7f, $"largest weight ratio {ratio}: saturated scores should reach close to e^2");
    }
}
