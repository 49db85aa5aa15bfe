using NotebookCourse.Helpers.Embeddings;
using NotebookCourse.Helpers.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Embeddings;

// Initialisation statistics are drawn from torch's global generator.
[Collection(ProcessEnvironmentCollection.Name)]
public class PaddedEmbeddingTests
{
    // Two rows with pads: pre-padded [0, 0, 3] and [0, 2, 4].
    static Tensor PaddedIds() => tensor(new long[] { 0, 0, 3, 0, 2, 4 }, [2, 3]);

    static (Tensor Row0, Tensor Grad0, Tensor Output) OneBackwardPass(PadHandling handling)
    {
        manual_seed(1);
        var embedding = new PaddedEmbedding(5, 4, handling);
        var output = embedding.forward(PaddedIds());
        output.pow(2).sum().backward();
        return (embedding.Table[0].detach().clone(), embedding.Table.grad![0].clone(), output.detach());
    }

    [Fact]
    public void The_default_pad_row_is_random_and_receives_gradient()
    {
        using var scope = NewDisposeScope();
        var (row0, grad0, output) = OneBackwardPass(PadHandling.LearnedPad);
        Assert.True(row0.abs().sum().item<float>() > 0);
        Assert.True(grad0.abs().sum().item<float>() > 0);
        // d(sum of squares)/d(row 0) = 2 * row0 * (number of pad positions = 3).
        Assert.True((grad0 - 6 * row0).abs().max().item<float>() < 1e-6);
        Assert.True((output[0, 0] - row0).abs().max().item<float>() == 0);
    }

    [Theory]
    [InlineData(PadHandling.LearnedPad)]
    [InlineData(PadHandling.MaskMultiply)]
    [InlineData(PadHandling.PositiveNonNegative)]
    [InlineData(PadHandling.ZeroStartTrainablePad)]
    public void Values_and_every_rows_gradient_equal_a_plain_lookup_with_the_mask_rule_of_the_handling(PadHandling handling)
    {
        // The reference is the textbook computation: a plain table lookup (row 0 gets the gradient of every pad position
        // through the lookup), times the mask where the handling multiplies. A faster way to compute the layer (lesson 2
        // spends much of its time here) must keep these values and gradients.
        using var scope = NewDisposeScope();
        manual_seed(6);
        var embedding = new PaddedEmbedding(50, 4, handling);
        var ids = randint(0, 50, [8, 30]);
        ids[.., ..20] = 0;
        var upstream = randn(8, 30, 4);
        (embedding.forward(ids) * upstream).sum().backward();
        var table = embedding.Table.detach().clone().requires_grad_(true);
        var looked = table.index_select(0, ids.flatten()).view(8, 30, 4);
        if (embedding.MultipliesByMask)
            looked = looked * ids.ne(0).unsqueeze(-1).to(ScalarType.Float32);
        (looked * upstream).sum().backward();
        Assert.True((embedding.forward(ids) - looked).abs().max().item<float>() == 0);
        // Equal, not close: the layer's backward (EmbeddingLookup on the CPU) adds in the same order as index_select's.
        Assert.True(embedding.Table.grad!.eq(table.grad!).all().item<bool>());
        Assert.Equal(embedding.MultipliesByMask, table.grad![0].abs().max().item<float>() == 0);
    }

    [Fact]
    public void Padding_idx_keeps_the_pad_row_zero_with_zero_gradient_even_after_an_optimizer_step()
    {
        using var scope = NewDisposeScope();
        var (row0, grad0, _) = OneBackwardPass(PadHandling.PaddingIdx);
        Assert.Equal(0f, row0.abs().sum().item<float>());
        Assert.Equal(0f, grad0.abs().sum().item<float>());

        var embedding = new PaddedEmbedding(5, 4, PadHandling.PaddingIdx);
        using var adam = optim.Adam(embedding.parameters(), 0.1);
        for (int i = 0; i < 3; i++)
        {
            adam.zero_grad();
            embedding.forward(PaddedIds()).sum().backward();
            adam.step();
        }
        Assert.Equal(0f, embedding.Table[0].abs().sum().item<float>());
    }

    [Fact]
    public void Mask_multiplication_zeroes_pad_positions_whatever_the_pad_row_holds()
    {
        using var scope = NewDisposeScope();
        var embedding = new PaddedEmbedding(5, 4, PadHandling.MaskMultiply);
        using (no_grad())
            embedding.Table[0].fill_(5f);
        var output = embedding.forward(PaddedIds());
        output.sum().backward();

        Assert.Equal(0f, output[0, 0].abs().sum().item<float>() + output[1, 0].abs().sum().item<float>());
        Assert.True((output[0, 2] - embedding.Table[3]).abs().max().item<float>() == 0);
        Assert.Equal(0f, embedding.Table.grad![0].abs().sum().item<float>());
        Assert.Equal(5f, embedding.Table[0].min().item<float>());
    }

    [Fact]
    public void Positive_init_starts_positive_and_the_constraint_clips_at_zero()
    {
        using var scope = NewDisposeScope();
        var embedding = new PaddedEmbedding(50, 8, PadHandling.PositiveNonNegative);
        Assert.True(embedding.Table.min().item<float>() >= 0);
        Assert.True(embedding.Table.max().item<float>() <= 0.05f);
        Assert.True(embedding.Table[0].abs().sum().item<float>() > 0);
        using (no_grad())
            embedding.Table.sub_(0.03);
        Assert.True(embedding.Table.min().item<float>() < 0);
        embedding.ApplyConstraints();
        Assert.Equal(0f, embedding.Table.min().item<float>());
    }

    [Theory]
    [InlineData(PadHandling.PositiveMaskMultiply, false)]
    [InlineData(PadHandling.PositiveMaskMultiplyNonNegative, true)]
    public void The_questions_positive_init_is_uniform_0_0001_to_0_05_zeroes_pads_and_clips_only_with_nonneg(PadHandling handling, bool clips)
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var embedding = new PaddedEmbedding(5000, 8, handling);
        Assert.InRange(embedding.Table.min().item<float>(), 0.0001f, 0.0002f);
        Assert.InRange(embedding.Table.max().item<float>(), 0.0499f, 0.05f);
        var output = embedding.forward(PaddedIds());
        Assert.Equal(0f, output[0, 0].abs().sum().item<float>() + output[1, 0].abs().sum().item<float>());
        using (no_grad())
            embedding.Table.sub_(0.03);
        embedding.ApplyConstraints();
        Assert.Equal(clips, embedding.Table.min().item<float>() == 0f);
    }

    [Fact]
    public void A_frozen_random_pad_stays_at_its_random_start_through_training_steps()
    {
        using var scope = NewDisposeScope();
        manual_seed(6);
        var embedding = new PaddedEmbedding(5, 4, PadHandling.FrozenRandomPad);
        var start = embedding.Table[0].detach().clone();
        Assert.True(start.abs().sum().item<float>() > 0, "the pad row starts random");
        var adam = optim.Adam(embedding.parameters(), 0.1);
        for (int i = 0; i < 3; i++)
        {
            adam.zero_grad();
            var output = embedding.forward(PaddedIds());
            Assert.Equal(0f, (output[0, 0] - start).abs().max().item<float>());   // pads see the frozen vector
            output.pow(2).sum().backward();
            adam.step();
            embedding.ApplyConstraints();
        }
        Assert.Equal(0f, (embedding.Table[0] - start).abs().max().item<float>());
        Assert.True((embedding.Table[3] - 0).abs().sum().item<float>() > 0);
    }

    [Fact]
    public void A_zero_start_pad_is_zero_at_first_and_trainable()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var embedding = new PaddedEmbedding(5, 4, PadHandling.ZeroStartTrainablePad);
        Assert.Equal(0f, embedding.Table[0].abs().sum().item<float>());
        var adam = optim.Adam(embedding.parameters(), 0.1);
        // The pad's vector is zero, but a loss that wants it elsewhere gives it gradient, and it moves.
        (embedding.forward(PaddedIds()) - 1).pow(2).sum().backward();
        Assert.True(embedding.Table.grad![0].abs().sum().item<float>() > 0);
        adam.step();
        Assert.True(embedding.Table[0].abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Keras_faithful_initialisation_has_the_keras_statistics()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var model = new FlattenDenseClassifier(vocabularySize: 20000, maxLength: 40, embeddingDim: 10, classes: 4, PadHandling.LearnedPad);
        var table = model.Embedding.Table;
        // uniform(-0.05, 0.05): bounded, mean 0, standard deviation 0.05 / sqrt(3).
        Assert.InRange(table.min().item<float>(), -0.05f, -0.0499f);
        Assert.InRange(table.max().item<float>(), 0.0499f, 0.05f);
        Assert.InRange(table.mean().item<float>(), -5e-4f, 5e-4f);
        Assert.InRange(table.std().item<float>(), 0.05f / MathF.Sqrt(3) * 0.99f, 0.05f / MathF.Sqrt(3) * 1.01f);

        var named = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        // Glorot-uniform: limit sqrt(6 / (fan_in + fan_out)) for the 400 -> 25 kernel; biases zero.
        float limit = MathF.Sqrt(6f / (400 + 25));
        Assert.InRange(named["hidden.weight"].abs().max().item<float>(), limit * 0.98f, limit);
        Assert.InRange(named["hidden.weight"].std().item<float>(), limit / MathF.Sqrt(3) * 0.95f, limit / MathF.Sqrt(3) * 1.05f);
        Assert.Equal(0f, named["hidden.bias"].abs().sum().item<float>());
        Assert.Equal(0f, named["output.bias"].abs().sum().item<float>());
    }

    [Fact]
    public void Torch_default_initialisation_draws_the_embedding_from_a_standard_normal()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var table = new PaddedEmbedding(20000, 10, PadHandling.LearnedPad, WeightInit.TorchDefault).Table;
        Assert.InRange(table.std().item<float>(), 0.98f, 1.02f);
        Assert.True(table.abs().max().item<float>() > 3);
    }

    [Fact]
    public void The_flattened_input_is_zero_at_pads_when_pads_are_zeroed_and_the_pad_row_otherwise()
    {
        using var scope = NewDisposeScope();
        foreach (var handling in Enum.GetValues<PadHandling>())
        {
            manual_seed(5);
            var model = new FlattenDenseClassifier(5, 3, 4, 2, handling);
            var flat = model.Flattened(PaddedIds());
            var padPart = flat[0, ..8];   // positions 0 and 1 of row 0 are pads
            var (fromPads, fromTokens) = model.PreActivationParts(PaddedIds());
            // Zero at the start: the mask-multiplied conditions always, and a pad row that starts at zero until it trains.
            bool zeroed = handling is PadHandling.MaskMultiply or PadHandling.PaddingIdx or PadHandling.PositiveMaskMultiply
                or PadHandling.PositiveMaskMultiplyNonNegative or PadHandling.ZeroStartTrainablePad;
            Assert.Equal(zeroed, padPart.abs().sum().item<float>() == 0);
            Assert.Equal(zeroed, fromPads.abs().sum().item<float>() == 0);
            // The parts add up to the whole pre-activation without bias.
            var whole = nn.functional.linear(flat, model.named_parameters().First(p => p.name == "hidden.weight").parameter);
            Assert.True((fromPads + fromTokens - whole).abs().max().item<float>() < 1e-6);
        }
    }

    [Fact]
    public void Ids_of_the_wrong_length_or_range_are_refused()
    {
        using var scope = NewDisposeScope();
        var model = new FlattenDenseClassifier(5, 3, 4, 2, PadHandling.LearnedPad);
        Assert.Contains("ids must be padded to the model's length 3, got shape (2, 4)", Assert.Throws<ArgumentException>(() => model.forward(zeros([2, 4], ScalarType.Int64))).Message);
        Assert.Contains("ids must hold ids in [0, 5)", Assert.Throws<ArgumentOutOfRangeException>(() => model.forward(full([1, 3], 9L, ScalarType.Int64))).Message);
    }
}
