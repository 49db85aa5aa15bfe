using NotebookCourse.Helpers.Masking;
using NotebookCourse.Helpers.Padding;
using NotebookCourse.Helpers.Pooling;
using NotebookCourse.Helpers.Recurrent;
using NotebookCourse.Helpers.Tagging;
using TorchSharp;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Masking;

// Layers are built after seeding torch's global generator.
[Collection(ProcessEnvironmentCollection.Name)]
public class MaskedLayerPropertyTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5];

    static readonly (int Time, PaddingSide Side)[] Paddings = [(0, PaddingSide.Post), (5, PaddingSide.Post), (5, PaddingSide.Pre), (50, PaddingSide.Pre), (50, PaddingSide.Post)];

    static float MaxDifference(Tensor a, Tensor b) => (a - b).abs().max().item<float>();

    /// <summary>Runs <paramref name="layer"/> on the batch padded every way and checks every result equals the first.</summary>
    static void AssertInvariant(PaddedBatches batches, Func<MaskedSequence, Tensor> layer, string what)
    {
        Tensor? reference = null;
        foreach (var (extra, side) in Paddings)
        {
            using var scope = NewDisposeScope();
            var result = layer(batches.Padded(batches.Longest + extra, side, padValue: 3.5f));
            Assert.True(result.isfinite().all().item<bool>(), $"{what}: non-finite output with {extra} extra pads ({side})");
            if (reference is null)
                reference = result.detach().clone().DetachFromDisposeScope();
            else
                Assert.True(MaxDifference(reference, result) < 1e-5f, $"{what} changed with {extra} extra pads ({side}): difference {MaxDifference(reference, result)}");
        }
        reference?.Dispose();
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Masked_pooling_is_invariant_to_extra_padding_on_either_side(int seed)
    {
        var batches = new PaddedBatches(seed, batch: 6, maxTokens: 9, dim: 4, includeEmptyRow: true);
        AssertInvariant(batches, s => new MaskedMeanPool().forward(s), "masked mean");
        AssertInvariant(batches, s => new MaskedMaxPool().forward(s), "masked max");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Packed_lstm_outputs_and_final_states_are_invariant_to_extra_padding(int seed)
    {
        var batches = new PaddedBatches(seed, batch: 5, maxTokens: 8, dim: 3, includeEmptyRow: true);
        foreach (bool bidirectional in new[] { false, true })
        {
            manual_seed(seed);
            var lstm = new MaskedLstm(3, 4, bidirectional);
            AssertInvariant(batches, s => lstm.forward(s).FinalHidden, $"final state (bidirectional {bidirectional})");
            AssertInvariant(batches, s => PaddedBatches.AtRealTokens(lstm.forward(s).Outputs), $"per-token outputs (bidirectional {bidirectional})");
            var head = new TimeDistributedDense(lstm.OutputSize, 1);
            AssertInvariant(batches, s => PaddedBatches.AtRealTokens(head.forward(lstm.forward(s).Outputs)), "tagging head");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Gradients_at_pad_positions_are_zero(int seed)
    {
        var batches = new PaddedBatches(seed, batch: 4, maxTokens: 6, dim: 3, includeEmptyRow: true);
        manual_seed(seed);
        var lstm = new MaskedLstm(3, 4, bidirectional: true);
        var layers = new (string Name, Func<MaskedSequence, Tensor> Run)[]
        {
            ("masked mean", s => new MaskedMeanPool().forward(s)),
            ("masked max", s => new MaskedMaxPool().forward(s)),
            ("lstm outputs", s => lstm.forward(s).Outputs.Values),
            ("lstm final state", s => lstm.forward(s).FinalHidden),
        };
        foreach (var side in new[] { PaddingSide.Pre, PaddingSide.Post })
            foreach (var (name, run) in layers)
            {
                using var scope = NewDisposeScope();
                var padded = batches.Padded(batches.Longest + 3, side, padValue: 2f);
                var values = padded.Values.detach().requires_grad_(true);
                run(new MaskedSequence(values, padded.Mask)).pow(2).sum().backward();
                var grad = values.grad!;
                Assert.True(grad.isfinite().all().item<bool>(), $"{name} ({side}): non-finite gradient");
                Assert.Equal(0f, grad[padded.Mask.logical_not()].abs().sum().item<float>());
                Assert.True(grad[padded.Mask].abs().sum().item<float>() > 0, $"{name} ({side}): no gradient reached the tokens");
            }
    }

    [Fact]
    public void An_all_pad_row_gives_zeros_through_every_masked_layer()
    {
        using var scope = NewDisposeScope();
        var allPad = new MaskedSequence(full([2, 5, 3], -7f), zeros([2, 5], ScalarType.Bool));
        var lstm = new MaskedLstm(3, 4, bidirectional: true);
        var output = lstm.forward(allPad);
        foreach (var result in new[] { new MaskedMeanPool().forward(allPad), new MaskedMaxPool().forward(allPad), output.FinalHidden, output.Outputs.Values, new TimeDistributedDense(8, 1).forward(output.Outputs).Values })
        {
            Assert.True(result.isfinite().all().item<bool>());
            Assert.Equal(0f, result.abs().sum().item<float>());
        }
    }

    [Theory]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(float.NaN)]
    public void A_non_finite_value_at_a_pad_stays_out_of_outputs_and_gradients(float padValue)
    {
        // Multiplying by the mask would give inf * 0 = NaN; the layers select instead, so pads are exactly zero.
        using var scope = NewDisposeScope();
        manual_seed(3);
        var mask = tensor(new[] { true, true, false, false, false, false, true, false }, [2, 4]);
        var clean = randn(2, 4, 3);
        var values = where(mask.unsqueeze(-1), clean, full(1, padValue)).detach().requires_grad_(true);
        var input = new MaskedSequence(values, mask);
        var allPad = new MaskedSequence(full([1, 4, 3], padValue), zeros([1, 4], ScalarType.Bool));
        var lstm = new MaskedLstm(3, 4, bidirectional: true);
        var head = new TimeDistributedDense(8, 1);

        var lstmOutput = lstm.forward(input);
        var results = new (string Name, Tensor Value)[]
        {
            ("zeroed values", input.ZeroedValues()),
            ("masked mean", new MaskedMeanPool().forward(input)),
            ("masked max", new MaskedMaxPool().forward(input)),
            ("lstm outputs", lstmOutput.Outputs.Values),
            ("lstm final state", lstmOutput.FinalHidden),
            ("per-token head", head.forward(lstmOutput.Outputs).Values),
        };
        foreach (var (name, value) in results)
        {
            Assert.True(value.isfinite().all().item<bool>(), $"{name}: non-finite output with {padValue} at the pads");
            value.sum().backward(retain_graph: true);
        }
        Assert.Equal(0f, input.ZeroedValues()[mask.logical_not()].abs().sum().item<float>());
        Assert.Equal(0f, head.forward(lstmOutput.Outputs).Values[mask.logical_not()].abs().sum().item<float>());
        Assert.True(values.grad!.isfinite().all().item<bool>(), $"non-finite gradient with {padValue} at the pads");
        Assert.Equal(0f, values.grad![mask.logical_not()].abs().sum().item<float>());
        Assert.All(lstm.parameters().Concat(head.parameters()), p => Assert.True(p.grad!.isfinite().all().item<bool>(), "a weight's gradient is not finite"));

        var allPadOutput = lstm.forward(allPad);
        foreach (var value in new[] { new MaskedMeanPool().forward(allPad), allPadOutput.FinalHidden, allPadOutput.Outputs.Values, head.forward(allPadOutput.Outputs).Values })
            Assert.Equal(0f, value.abs().sum().item<float>());
    }

    [Fact]
    public void Unmasked_layers_are_not_invariant_which_is_why_the_mask_is_needed()
    {
        using var scope = NewDisposeScope();
        var batches = new PaddedBatches(seed: 1, batch: 3, maxTokens: 6, dim: 3);
        var short_ = batches.Padded(batches.Longest, PaddingSide.Pre);
        var long_ = batches.Padded(batches.Longest + 5, PaddingSide.Pre);
        Assert.True(MaxDifference(short_.Values.mean([1]), long_.Values.mean([1])) > 1e-3);
        var lstm = new MaskedLstm(3, 4);
        Assert.True(MaxDifference(lstm.ForwardIgnoringMask(short_.Values).FinalHidden, lstm.ForwardIgnoringMask(batches.Padded(batches.Longest + 5, PaddingSide.Post).Values).FinalHidden) > 1e-3);
    }

    [Fact]
    public void Mismatched_values_and_mask_are_refused_with_both_shapes()
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => new MaskedSequence(zeros(2, 5, 3), zeros([2, 4], ScalarType.Bool)));
        Assert.Contains("values and mask must agree on (batch, time): values has shape (2, 5, 3), mask has shape (2, 4)", error.Message);
        Assert.Contains("mask must have dtype Bool, got Float32", Assert.Throws<ArgumentException>(() => new MaskedSequence(zeros(2, 5, 3), zeros(2, 5))).Message);
        Assert.Contains("values must be 3-D values (batch, time, dim), got shape (2, 5)", Assert.Throws<ArgumentException>(() => new MaskedSequence(zeros(2, 5), zeros([2, 5], ScalarType.Bool))).Message);
        Assert.Contains("input values must have 3 features, got shape (2, 5, 4)", Assert.Throws<ArgumentException>(() => new MaskedLstm(3, 2).forward(new MaskedSequence(zeros(2, 5, 4), ones([2, 5], ScalarType.Bool)))).Message);
    }
}
