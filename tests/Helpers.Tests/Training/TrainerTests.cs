using NotebookCourse.Helpers.Data.Synthetic;
using NotebookCourse.Helpers.Models;
using NotebookCourse.Helpers.Text;
using NotebookCourse.Helpers.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Training;

// Seeded runs draw from torch's global generator, so these tests do not run beside others.
[Collection(ProcessEnvironmentCollection.Name)]
public class TrainerTests
{
    static (TrainingData Train, TrainingData Validation, int VocabularySize) WordRoleData(bool flipValidationLabels = false)
    {
        var corpus = WordRoleCorpus.Generate(400, 6, seed: 3);
        var tokenizer = new WordTokenizer();
        var vocabulary = Vocabulary.Fit(tokenizer.TokenizeAll(corpus.Texts));
        var ids = tensor(corpus.Texts.SelectMany(t => vocabulary.Encode(tokenizer.Tokenize(t))).Select(i => (long)i).ToArray()).reshape(400, 6);
        var labels = tensor(corpus.Labels.Select(l => (long)l).ToArray());
        var validationLabels = flipValidationLabels ? 1 - labels[300..] : labels[300..];
        return (new TrainingData(ids[..300], labels[..300]), new TrainingData(ids[300..], validationLabels), vocabulary.Size);
    }

    static TrainingHistory TrainOnce(int seed, int epochs = 4, bool flip = false, int? patience = null, Action<EpochMetrics>? onEpoch = null)
    {
        var (train, validation, size) = WordRoleData(flip);
        torch.manual_seed(seed);
        var model = new MeanEmbeddingClassifier(size, 2, 2);
        return Trainer.Fit(model, train, validation, new ClassificationObjective(),
            new TrainingOptions { Epochs = epochs, BatchSize = 16, LearningRate = 0.05, Seed = seed, Patience = patience, Device = CPU, OnEpoch = onEpoch });
    }

    [Fact]
    public void The_same_seed_gives_the_same_history_and_another_seed_does_not()
    {
        var first = TrainOnce(11);
        var second = TrainOnce(11);
        var other = TrainOnce(12);

        Assert.Equal(first.Epochs.Select(e => (e.TrainLoss, e.ValidationLoss, e.ValidationAccuracy)), second.Epochs.Select(e => (e.TrainLoss, e.ValidationLoss, e.ValidationAccuracy)));
        Assert.NotEqual(first.Epochs.Select(e => e.TrainLoss), other.Epochs.Select(e => e.TrainLoss));
    }

    [Fact]
    public void Training_learns_the_word_role_task()
    {
        var history = TrainOnce(5, epochs: 15);
        Assert.True(history.Final.ValidationAccuracy > 0.9, $"validation accuracy {history.Final.ValidationAccuracy}");
        Assert.True(history.Final.TrainLoss < history.Epochs[0].TrainLoss);
    }

    [Fact]
    public void Early_stopping_stops_patience_epochs_after_the_best_validation_loss()
    {
        // Validation labels are flipped: the better the model fits, the worse its validation loss.
        var history = TrainOnce(5, epochs: 30, flip: true, patience: 3);

        Assert.True(history.StoppedEarly);
        Assert.Equal(history.BestEpoch + 3, history.Epochs.Count);
        Assert.True(history.Epochs.Count < 30);
        Assert.Equal(history.Epochs.Min(e => e.ValidationLoss), history.Best.ValidationLoss);
    }

    [Fact]
    public void A_long_training_loop_does_not_grow_the_count_of_live_tensors()
    {
        var live = new List<long>();
        TrainOnce(5, epochs: 25, onEpoch: _ => live.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount));

        // Counted on this thread only, so other tests and the finalizer do not move it. After the first
        // epoch (Adam creates its state) the count must stay flat.
        Assert.True(live[1] == live[^1], "live tensors per epoch: " + string.Join(", ", live));
        Assert.Equal(live.Skip(1).Min(), live.Skip(1).Max());
    }

    [Fact]
    public void The_history_converts_to_a_data_frame_and_reports_every_batch()
    {
        int batches = 0;
        var (train, validation, size) = WordRoleData();
        var history = Trainer.Fit(new MeanEmbeddingClassifier(size, 2, 2), train, validation, new ClassificationObjective(),
            new TrainingOptions { Epochs = 2, BatchSize = 100, Device = CPU, OnBatch = _ => batches++ });

        Assert.Equal(2 * 3, batches);
        var frame = history.ToDataFrame();
        Assert.Equal(["epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy", "seconds"], frame.Columns.Select(c => c.Name));
        Assert.Equal(2, frame.Rows.Count);
        Assert.Equal(history.Final.ValidationAccuracy, frame["val_accuracy"][1]);
    }

    [Fact]
    public void Bad_arguments_are_refused_with_what_was_expected()
    {
        var (train, _, size) = WordRoleData();
        var model = new MeanEmbeddingClassifier(size, 2, 2);
        Assert.Contains("Epochs must be at least 1, got 0", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Trainer.Fit(model, train, null, new ClassificationObjective(), new TrainingOptions { Epochs = 0 })).Message);
        Assert.Contains("inputs and targets must have the same number of rows: inputs has shape (3, 2), targets has shape (2)",
            Assert.Throws<ArgumentException>(() => new TrainingData(zeros(3, 2), zeros(2))).Message);
        var badTargets = new TrainingData(train.Inputs[..4], tensor(new long[] { 0, 1, 2, 0 }));
        Assert.Contains("targets must hold ids in [0, 2)", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Trainer.Fit(model, badTargets, null, new ClassificationObjective(), new TrainingOptions { Epochs = 1, Device = CPU })).Message);
        Assert.Contains($"ids must hold ids in [0, {size})", Assert.Throws<ArgumentOutOfRangeException>(() =>
            model.forward(tensor(new long[] { size }).reshape(1, 1))).Message);
    }
}
