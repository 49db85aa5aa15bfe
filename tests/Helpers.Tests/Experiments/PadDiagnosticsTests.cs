using NotebookCourse.Helpers.Embeddings;
using NotebookCourse.Helpers.Experiments;
using NotebookCourse.Helpers.Models;
using NotebookCourse.Helpers.Training;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Experiments;

[Collection(ProcessEnvironmentCollection.Name)]
public class PadDiagnosticsTests
{
    // Three documents padded to 4; the last is all pads.
    static TrainingData Data() => new(tensor(new long[] { 0, 0, 3, 4, 0, 5, 6, 7, 0, 0, 0, 0 }, [3, 4]), tensor(new long[] { 0, 1, 0 }));

    static FlattenDenseClassifier Model(PadHandling pads, int seed = 3)
    {
        manual_seed(seed);
        return new FlattenDenseClassifier(vocabularySize: 8, maxLength: 4, embeddingDim: 2, classes: 2, pads, layerSize: 5);
    }

    [Fact]
    public void Pre_activation_shares_split_the_dense_input_by_pads_and_tokens_as_computed_by_hand()
    {
        using var scope = NewDisposeScope();
        var model = Model(PadHandling.LearnedPad);
        var data = Data();

        var (fromPads, fromTokens) = PadDiagnostics.PreActivationShares(model, data, CPU, batchSize: 2);

        // By hand: W x with x zeroed at token positions, and at pad positions; mean absolute value over (examples, units).
        var weight = model.named_parameters().Single(p => p.name == "hidden.weight").parameter.detach();
        var x = model.Flattened(data.Inputs).detach();
        var padColumns = data.Inputs.eq(0).repeat_interleave(2, dim: 1).to(x.dtype);
        double expectedPads = nn.functional.linear(x * padColumns, weight).abs().mean().item<float>();
        double expectedTokens = nn.functional.linear(x * (1 - padColumns), weight).abs().mean().item<float>();
        Assert.Equal(expectedPads, fromPads, 5);
        Assert.Equal(expectedTokens, fromTokens, 5);
        Assert.True(fromPads > 0, "a learned pad vector drives the dense layer");

        var (zeroedPads, _) = PadDiagnostics.PreActivationShares(Model(PadHandling.PaddingIdx), data, CPU);
        Assert.Equal(0.0, zeroedPads);
    }

    [Fact]
    public void One_probe_gives_the_split_by_hand_and_the_dead_units_for_every_pad_handling_with_a_non_zero_pad_row()
    {
        using var scope = NewDisposeScope();
        var data = Data();
        foreach (var handling in Enum.GetValues<PadHandling>())
        {
            var model = Model(handling);
            using (no_grad())
                model.Embedding.Table[PaddedEmbedding.PadId] = tensor(new[] { 0.7f, -1.3f });   // what the pads' part is made of, unless masked
            var weight = model.named_parameters().Single(p => p.name == "hidden.weight").parameter.detach();
            var x = model.Flattened(data.Inputs).detach();
            var padColumns = data.Inputs.eq(0).repeat_interleave(2, dim: 1).to(x.dtype);
            double expectedPads = nn.functional.linear(x * padColumns, weight).abs().mean().item<float>();
            double expectedTokens = nn.functional.linear(x * (1 - padColumns), weight).abs().mean().item<float>();
            double expectedDead = model.HiddenActivations(data.Inputs).eq(0).all(0).to(ScalarType.Float32).mean().item<float>();

            var probe = PadDiagnostics.Probe(model, data, CPU, batchSize: 2);

            Assert.Equal(expectedPads, probe.FromPads, 5);
            Assert.Equal(expectedTokens, probe.FromTokens, 5);
            Assert.Equal(expectedDead, probe.DeadUnitShare, 6);
            Assert.Equal(model.Embedding.MultipliesByMask, probe.FromPads == 0);
        }
    }

    [Fact]
    public void Dead_units_are_those_that_output_zero_for_every_example()
    {
        using var scope = NewDisposeScope();
        var model = Model(PadHandling.PaddingIdx);
        var bias = model.named_parameters().Single(p => p.name == "hidden.bias").parameter;
        using (no_grad())
        {
            // Units 0 and 3 can never fire (a huge negative bias), unit 1 always fires (a huge positive one).
            bias[0] = tensor(-1e6f);
            bias[3] = tensor(-1e6f);
            bias[1] = tensor(1e6f);
        }
        var share = PadDiagnostics.DeadUnitShare(model, Data(), CPU, batchSize: 2);
        var hidden = model.HiddenActivations(Data().Inputs);
        double expected = hidden.eq(0).all(0).to(ScalarType.Float32).mean().item<float>();
        Assert.Equal(expected, share, 6);
        Assert.True(share is >= 0.4 and < 1.0, $"units 0 and 3 are dead, unit 1 is not: share {share}");
        Assert.True(model.training, "the model goes back to training mode");
    }

    [Fact]
    public void Long_documents_are_measured_in_batches_of_at_most_32_MiB_of_input_and_short_ones_256_at_a_time()
    {
        // 20 Newsgroups' settings: 1,100 x 300 floats are 1.32 MB a document, so 25 fit in 32 MiB (256 would be 338 MB).
        using var longDocuments = new FlattenDenseClassifier(vocabularySize: 8, maxLength: 1100, embeddingDim: 300, classes: 2, PadHandling.PaddingIdx);
        Assert.Equal(25, PadDiagnostics.DefaultBatchSize(longDocuments));
        // The lesson's default corpus (300 x 50, 60 KB a document) stays at 256, as before.
        using var lessonDefault = new FlattenDenseClassifier(vocabularySize: 8, maxLength: 300, embeddingDim: 50, classes: 2, PadHandling.PaddingIdx);
        Assert.Equal(256, PadDiagnostics.DefaultBatchSize(lessonDefault));

        // Batches change the order of the sums only: the three documents in one batch (the default) or one at a time.
        var model = Model(PadHandling.LearnedPad);
        var (inOneBatch, _) = PadDiagnostics.PreActivationShares(model, Data(), CPU);
        var (inThreeBatches, _) = PadDiagnostics.PreActivationShares(model, Data(), CPU, batchSize: 1);
        Assert.Equal(inOneBatch, inThreeBatches, 5);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => PadDiagnostics.DeadUnitShare(model, Data(), CPU, batchSize: 0));
        Assert.Equal("batchSize", error.ParamName);
        Assert.Contains("at least 1, got 0", error.Message);
    }

    [Fact]
    public void Zeroed_pads_send_no_gradient_to_the_dense_weights_at_pad_positions_and_a_learned_pad_does()
    {
        using var scope = NewDisposeScope();
        var data = Data();   // position 0 is a pad in every document
        var (zeroedAtPads, zeroedElsewhere) = PadDiagnostics.DenseGradientByColumn(Model(PadHandling.PaddingIdx), data.Inputs, data.Targets);
        var (learnedAtPads, _) = PadDiagnostics.DenseGradientByColumn(Model(PadHandling.LearnedPad), data.Inputs, data.Targets);
        var (maskedAtPads, _) = PadDiagnostics.DenseGradientByColumn(Model(PadHandling.MaskMultiply), data.Inputs, data.Targets);

        Assert.Equal(0.0, zeroedAtPads);
        Assert.Equal(0.0, maskedAtPads);
        Assert.True(zeroedElsewhere > 0);
        Assert.True(learnedAtPads > 0, "a learned pad vector is an input like any other, so its weights get gradient");
        Assert.Contains("at least one position that is a pad in every document", Assert.Throws<ArgumentException>(() =>
            PadDiagnostics.DenseGradientByColumn(Model(PadHandling.LearnedPad), tensor(new long[] { 1, 2, 3, 4 }, [1, 4]), tensor(new long[] { 0 }))).Message);
    }

    [Fact]
    public void Epochs_to_reach_gives_the_first_epoch_at_or_above_the_target()
    {
        var history = new TrainingHistory("run", [new(1, 1, 0.5, 1, 0.42, 0.1), new(2, 0.5, 0.8, 0.6, 0.8, 0.1), new(3, 0.4, 0.9, 0.5, 0.85, 0.1)], 3, false);
        Assert.Equal(2, PadDiagnostics.EpochsToReach(history, 0.8));
        Assert.Equal(1, PadDiagnostics.EpochsToReach(history, 0.3));
        Assert.Null(PadDiagnostics.EpochsToReach(history, 0.9));
    }
}
