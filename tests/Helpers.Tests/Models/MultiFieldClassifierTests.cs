using NotebookCourse.Helpers.Models;
using NotebookCourse.Helpers.Training;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Models;

[Collection(ProcessEnvironmentCollection.Name)]
public class MultiFieldClassifierTests
{
    static TokenField[] Fields(FieldPooling plotPooling = FieldPooling.AdditiveAttention) =>
    [
        new("title", 30, 4, FieldPooling.MaskedMax, 6),
        new("plot", 50, 6, plotPooling, 12, RecurrentHidden: 5, AttentionHidden: 7),
    ];

    static Tensor Ids(long batch, long time, long vocabulary, int realTokens, int seed)
    {
        var random = new Random(seed);
        var ids = new long[batch * time];
        for (long b = 0; b < batch; b++)
            for (int t = 0; t < realTokens; t++)
                ids[b * time + t] = random.Next(1, (int)vocabulary);
        return tensor(ids, [batch, time]);
    }

    [Fact]
    public void Several_fields_and_numeric_features_give_one_logit_per_label_and_the_wrong_inputs_are_named()
    {
        manual_seed(1);
        var model = new MultiFieldClassifier(Fields(), 3, 8, 0.2, 5);
        var logits = model.Forward([Ids(4, 6, 30, 3, 1), Ids(4, 12, 50, 9, 2), randn(4, 3)]);
        Assert.Equal([4L, 5], logits.shape);
        Assert.Contains("takes 3 inputs (title ids, plot ids, 3 numeric features); got 2", Assert.Throws<ArgumentException>(() => model.Forward([Ids(4, 6, 30, 3, 1), Ids(4, 12, 50, 9, 2)])).Message);
        Assert.Contains("built for 3", Assert.Throws<ArgumentException>(() => model.Forward([Ids(4, 6, 30, 3, 1), Ids(4, 12, 50, 9, 2), randn(4, 2)])).Message);
        Assert.Contains("pass them all with Forward", Assert.Throws<ArgumentException>(() => model.forward(Ids(4, 6, 30, 3, 1))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Forward([Ids(4, 6, 30, 3, 1), Ids(4, 12, 99, 9, 2), randn(4, 3)]));
    }

    [Fact]
    public void A_masked_field_gives_the_same_encoding_with_more_padding_and_an_empty_field_stays_finite()
    {
        manual_seed(2);
        var encoder = new FieldEncoder(new TokenField("plot", 50, 6, FieldPooling.AdditiveAttention, 12, RecurrentHidden: 5));
        encoder.eval();
        var shortIds = Ids(3, 12, 50, 7, 3);
        var longIds = cat([shortIds, zeros(new long[] { 3, 20 }, ScalarType.Int64)], 1);
        var (shortPooled, shortWeights) = encoder.Encode(shortIds);
        var (longPooled, _) = encoder.Encode(longIds);
        Assert.True((shortPooled - longPooled).abs().max().item<float>() < 1e-5f);
        Assert.Equal(0f, shortWeights![.., 7..].abs().max().item<float>());
        var (emptyPooled, emptyWeights) = encoder.Encode(zeros(new long[] { 2, 12 }, ScalarType.Int64));
        Assert.Equal(0f, emptyPooled.abs().max().item<float>());
        Assert.Equal(0f, emptyWeights!.abs().max().item<float>());
    }

    [Fact]
    public void Unmasked_max_pooling_over_the_learned_pad_row_changes_with_padding_and_the_time_bias_layer_refuses_other_lengths()
    {
        manual_seed(3);
        var unmasked = new FieldEncoder(new TokenField("keywords", 20, 4, FieldPooling.Max, 8));
        var ids = Ids(5, 8, 20, 2, 4);
        var morePads = cat([ids, zeros(new long[] { 5, 8 }, ScalarType.Int64)], 1);
        var noPads = ids[.., ..2];
        Assert.True((unmasked.forward(noPads) - unmasked.forward(ids)).abs().max().item<float>() > 0, "the pad row's values enter the unmasked max");
        var naive = new FieldEncoder(new TokenField("plot", 20, 4, FieldPooling.TimeBiasTanhAttention, 8));
        Assert.Equal([5L, 4], naive.forward(ids).shape);
        Assert.Contains("built for time = 8", Assert.Throws<ArgumentException>(() => naive.forward(morePads)).Message);
    }

    [Fact]
    public void The_trainer_feeds_every_input_and_learns_labels_carried_by_one_field()
    {
        // Label 0 is on when the title holds id 1, label 1 when the plot holds id 2.
        int n = 200;
        var titles = Ids(n, 6, 30, 3, 5);
        var plots = Ids(n, 12, 50, 6, 6);
        var targets = stack([titles.eq(1).any(1), plots.eq(2).any(1)], 1).to(ScalarType.Float32);
        var data = new TrainingData(titles, targets).WithExtraInputs(plots, zeros(n, 3));
        manual_seed(4);
        var model = new MultiFieldClassifier(Fields(FieldPooling.MaskedMax), 3, 16, 0.0, 2);
        var history = Trainer.Fit(model, data, data, new MultiLabelObjective(), new TrainingOptions { Epochs = 25, BatchSize = 32, LearningRate = 0.02, Seed = 4, Device = CPU });
        Assert.True(history.Final.TrainLoss < 0.5 * history.Epochs[0].TrainLoss, $"loss {history.Epochs[0].TrainLoss:F3} -> {history.Final.TrainLoss:F3}");
        Assert.True(history.Final.ValidationAccuracy > 0.9, $"whole label sets right: {history.Final.ValidationAccuracy:P1}");

        var single = new EmbeddingClassifier(nn.Embedding(30, 4), new PooledVectorHead(4, 4, 2));
        var error = Assert.Throws<ArgumentException>(() => Trainer.Fit(single, data, null, new MultiLabelObjective(), new TrainingOptions { Epochs = 1, Device = CPU }));
        Assert.Contains("has 3 inputs per example", error.Message);
        Assert.Contains("must have the same number of rows", Assert.Throws<ArgumentException>(() => data.WithExtraInputs(zeros(3, 3))).Message);
    }

    [Fact]
    public void The_multi_label_objective_is_binary_cross_entropy_on_logits_and_counts_whole_label_sets()
    {
        var objective = new MultiLabelObjective();
        var logits = tensor(new float[] { 0, 2, -1, 3 }, [2, 2]);
        var targets = tensor(new float[] { 1, 1, 0, 0 }, [2, 2]);
        double expected = (Math.Log(2) + Math.Log(1 + Math.Exp(-2)) + Math.Log(1 + Math.Exp(-1)) + Math.Log(1 + Math.Exp(3))) / 4;
        Assert.Equal(expected, objective.Loss(logits, targets).item<float>(), 5);
        // Row 0: logit 0 is not > 0, so its first label is predicted off (wrong); row 1: 3 > 0 predicts a label that is off.
        Assert.Equal(0, objective.Correct(logits, targets));
        Assert.Equal(2, objective.Correct(tensor(new float[] { 1, 2, -1, -3 }, [2, 2]), targets));
        Assert.Equal(1, objective.Correct(tensor(new float[] { 1, 2, -1, 3 }, [2, 2]), targets));
        Assert.Contains("logits' shape", Assert.Throws<ArgumentException>(() => objective.Loss(logits, zeros(2, 3))).Message);
    }
}
