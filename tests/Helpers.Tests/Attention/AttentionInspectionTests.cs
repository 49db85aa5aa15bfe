using NotebookCourse.Helpers.Attention;
using NotebookCourse.Helpers.Masking;
using NotebookCourse.Helpers.Pooling;
using NotebookCourse.Helpers.Recurrent;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Attention;

[Collection(ProcessEnvironmentCollection.Name)]
public class AttentionInspectionTests
{
    [Fact]
    public void Signal_mass_and_share_match_a_hand_computed_case()
    {
        // Row 0: tokens 5 (signal), 6, 7 and a pad; row 1: no signal (left out); row 2: tokens 5, 5 (both signal).
        var ids = tensor(new long[] { 5, 6, 7, 0, 6, 7, 0, 0, 5, 5, 0, 0 }, [3, 4]);
        var weights = tensor(new float[] { 0.6f, 0.3f, 0.1f, 0, 0.5f, 0.5f, 0, 0, 0.5f, 0.5f, 0, 0 }, [3, 4]);
        var result = AttentionInspection.SignalMass(weights, ids, new HashSet<long> { 5 });
        Assert.Equal(2, result.Documents);
        Assert.Equal((0.6 + 1.0) / 2, result.MeanSignalMass, 6);
        Assert.Equal((1.0 / 3 + 1.0) / 2, result.MeanSignalShare, 6);
        Assert.Equal(0.8 / (2.0 / 3), result.Ratio, 5);
    }

    [Fact]
    public void The_largest_weight_ratio_ignores_pads_and_rows_with_one_token()
    {
        var ids = tensor(new long[] { 1, 2, 0, 3, 0, 0 }, [2, 3]);
        var weights = tensor(new float[] { 0.8f, 0.2f, 0.0001f, 1f, 0, 0 }, [2, 3]);
        Assert.Equal(4.0, AttentionInspection.MaxWeightRatio(weights, ids), 5);
    }

    [Fact]
    public void Repeated_outputs_copy_the_last_real_step_and_are_zero_before_the_first()
    {
        var outputs = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, [1, 6, 1]);
        var mask = tensor(new[] { false, true, true, false, true, false }, [1, 6]);
        var repeated = RepeatedOutputs.RepeatLastReal(outputs, mask);
        Assert.Equal(new float[] { 0, 2, 3, 3, 5, 5 }, repeated.data<float>().ToArray());
        Assert.Contains("disagree", Assert.Throws<ArgumentException>(() => RepeatedOutputs.RepeatLastReal(outputs, mask.narrow(1, 0, 5))).Message);
    }

    [Fact]
    public void The_softmax_pool_spans_the_masked_mean_and_the_masked_max()
    {
        manual_seed(2);
        var values = randn(3, 7, 4);
        var mask = tensor(new[] { true, true, true, false, false, false, false, true, true, true, true, true, true, true, false, false, false, false, false, false, false }, [3, 7]);
        values[0, 4] = tensor(1e6f);   // a pad with a huge value must not win the max
        var sequence = new MaskedSequence(values, mask);
        var mean = new MaskedMeanPool().forward(sequence);
        var max = new MaskedMaxPool().forward(sequence);
        Assert.True((SoftmaxPool.Pool(sequence, 1e6) - mean).abs().max().item<float>() < 1e-4);
        Assert.True((SoftmaxPool.Pool(sequence, 1e-4) - max).abs().max().item<float>() < 1e-4);
        Assert.Equal(0f, SoftmaxPool.Pool(sequence, 1.0)[2].abs().sum().item<float>());   // the all-pad row
    }

    [Fact]
    public void Constant_scores_pool_to_the_masked_mean()
    {
        var values = tensor(new float[] { 1, 2, 3, 100, 5, 6 }, [2, 3, 1]);
        var mask = tensor(new[] { true, true, false, true, true, true }, [2, 3]);
        var sequence = new MaskedSequence(values, mask);
        var weights = MaskedSoftmax.Weights(zeros(2, 3), mask);
        var pooled = AdditiveAttentionPooling.WeightedSum(sequence, weights).data<float>().ToArray();
        Assert.Equal(1.5, pooled[0], 5);
        Assert.Equal(37, pooled[1], 4);
    }
}
