using NotebookCourse.Helpers.Data.Synthetic;
using NotebookCourse.Helpers.Embeddings;
using NotebookCourse.Helpers.Experiments;
using NotebookCourse.Helpers.Padding;
using NotebookCourse.Helpers.Text;
using NotebookCourse.Helpers.Training;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Experiments;

[Collection(ProcessEnvironmentCollection.Name)]
public class PadExperimentTests
{
    [Fact]
    public void Every_condition_trains_on_the_same_data_and_zeroed_pads_train_identically()
    {
        var corpus = TopicCorpus.Generate(new TopicCorpusOptions { Documents = 400, Seed = 2 });
        var data = PaddedTextData.Build(corpus, new WordTokenizer(), 2000, 120, PaddingSide.Pre, TruncatingSide.Pre, 0.25, seed: 2);
        var result = PadExperiment.Run(new PadExperimentSetup(data.Train, data.Validation, data.Vocabulary.Size, data.MaxLength, 5)
        {
            EmbeddingDim = 8,
            DiagnosticsEvery = 4,
            Training = new TrainingOptions { Epochs = 3, BatchSize = 32, Seed = 2, Device = CPU },
        });

        Assert.Equal(PadExperimentSetup.DefaultConditions, result.Conditions.Select(c => c.Condition));
        // Mask multiplication and padding_idx feed the dense layer the same numbers, so their runs match exactly.
        Assert.Equal(result[PadHandling.MaskMultiply].History.Epochs.Select(e => e.ValidationLoss), result[PadHandling.PaddingIdx].History.Epochs.Select(e => e.ValidationLoss));
        Assert.NotEqual(result[PadHandling.LearnedPad].History.Epochs.Select(e => e.ValidationLoss), result[PadHandling.PaddingIdx].History.Epochs.Select(e => e.ValidationLoss));
        var table = result.Table();
        Assert.Equal(["condition", "best_val_accuracy", "epoch_of_best", "final_val_accuracy", "epoch1_val_accuracy", "epochs_run", "stopped_early", "seconds_per_epoch"], table.Columns.Select(c => c.Name));
        Assert.Equal(PadExperimentSetup.DefaultConditions.Count, table.Rows.Count);
        Assert.Equal(result[PadHandling.LearnedPad].History.Epochs[0].ValidationAccuracy, table["epoch1_val_accuracy"][0]);

        // Step diagnostics: at the start, then every 4 steps (300 training documents in batches of 32: 10 steps an epoch).
        var steps = result[PadHandling.LearnedPad].Steps;
        Assert.Equal([0, 4, 8, 12, 16, 20, 24, 28], steps.Select(s => s.Step));
        Assert.Equal([0, 1, 1, 2, 2, 2, 3, 3], steps.Select(s => s.Epoch));
        Assert.All(result[PadHandling.PaddingIdx].Steps, s => Assert.Equal(0.0, s.FromPads));
        Assert.All(steps, s => Assert.True(s.FromPads > 0 && s.FromWords > 0 && s.DeadUnitShare is >= 0 and <= 1));
        // The zero-start pad contributes nothing at first and something once it has moved.
        var zeroStart = result[PadHandling.ZeroStartTrainablePad].Steps;
        Assert.Equal(0.0, zeroStart[0].FromPads);
        Assert.True(zeroStart[^1].FromPads > 0);
    }

    [Fact]
    public void Ids_padded_to_another_length_are_refused()
    {
        var data = new TrainingData(zeros([4, 10], ScalarType.Int64), zeros([4], ScalarType.Int64));
        Assert.Contains("padded to MaxLength 12; got lengths 10 and 10", Assert.Throws<ArgumentException>(() => PadExperiment.Run(new PadExperimentSetup(data, data, 5, 12, 2))).Message);
    }
}
