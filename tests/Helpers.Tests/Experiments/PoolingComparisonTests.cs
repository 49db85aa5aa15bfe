using NotebookCourse.Helpers.Attention;
using NotebookCourse.Helpers.Data.Synthetic;
using NotebookCourse.Helpers.Experiments;
using NotebookCourse.Helpers.Models;
using NotebookCourse.Helpers.MultiLabel;
using NotebookCourse.Helpers.Training;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Experiments;

[Collection(ProcessEnvironmentCollection.Name)]
public class PoolingComparisonTests
{
    static readonly MultiFieldData Data = MultiFieldData.Build(
        MovieCorpus.Generate(new MovieCorpusOptions { Movies = 240, MedianPlotLength = 12, MaxPlotLength = 40, Seed = 4 }).Data,
        new MultiFieldDataOptions { Lengths = new Dictionary<string, int> { ["plot"] = 40 }, Seed = 4 });

    static readonly PoolingComparisonOptions Options = new() { EmbeddingDim = 6, RecurrentHidden = 0, AttentionHidden = 4, HiddenSize = 8, Epochs = 2, Seed = 4, Device = CPU };

    [Fact]
    public void Every_pooling_starts_from_the_same_draws_and_differs_only_in_the_pooled_field()
    {
        var mean = PoolingComparison.Build(Data, FieldPooling.Mean, Options);
        var attention = PoolingComparison.Build(Data, FieldPooling.AdditiveAttention, Options);
        Assert.Equal(FieldPooling.AdditiveAttention, attention.Encoder("plot").Field.Pooling);
        Assert.Equal(FieldPooling.MaskedMax, attention.Encoder("title").Field.Pooling);
        // The title's table is drawn before the plot's attention layer, so it is the same in both models.
        var ids = tensor(new long[] { 1, 2 }, [1, 2]);
        Assert.Equal(0f, (mean.Encoder("title").Embed(ids) - attention.Encoder("title").Embed(ids)).abs().max().item<float>());
    }

    [Fact]
    public void A_run_is_scored_on_test_data_at_its_validation_threshold_and_by_length_quartile()
    {
        var run = PoolingComparison.Train(Data, FieldPooling.AdditiveAttention, Options);
        Assert.Equal(2, run.History.Epochs.Count);
        Assert.Equal([Data.Test.Count, (long)Data.LabelNames.Count], run.TestProbabilities.shape);
        var again = MultiLabelEvaluation.Score(run.TestProbabilities, Data.Test.Targets, Data.LabelNames, run.Threshold);
        Assert.Equal(again.MicroF1, run.Test.MicroF1);

        // Predict on the whole split equals the model's own forward over every input.
        run.Model.eval();
        using (no_grad())
        {
            var direct = run.Model.Forward([Data.Test.Inputs, .. Data.Test.ExtraInputs]).sigmoid();
            Assert.True((direct - run.TestProbabilities).abs().max().item<float>() < 1e-6);
        }

        var quartiles = PoolingComparison.ByLengthQuartile(Data, [run], "plot");
        Assert.Equal(4, quartiles.Count);
        Assert.Equal(Data.Test.Count, quartiles.Sum(q => q.Examples));
        Assert.True(quartiles.Zip(quartiles.Skip(1)).All(p => p.First.MaxLength <= p.Second.MinLength));

        var weights = AttentionInspection.Weights(run.Model, Data, Data.Test, "plot", CPU);
        var pads = Data.Ids(Data.Test, "plot").eq(0);
        Assert.Equal(0f, weights.masked_select(pads).abs().sum().item<float>());
        var erasure = TokenErasure.Compare(run.Model, Data, Data.Test, "plot", seed: 1, CPU);
        Assert.Equal((int)Data.Ids(Data.Test, "plot").ne(0).sum(dim: 1).ge(2).sum().item<long>(), erasure.Documents);
        Assert.Contains("has no attention weights", Assert.Throws<ArgumentException>(() => AttentionInspection.Weights(PoolingComparison.Build(Data, FieldPooling.Max, Options), Data, Data.Test, "plot", CPU)).Message);
    }
}
