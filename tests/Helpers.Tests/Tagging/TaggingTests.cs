using NotebookCourse.Helpers.Data.Synthetic;
using NotebookCourse.Helpers.Padding;
using NotebookCourse.Helpers.Tagging;
using NotebookCourse.Helpers.Training;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Tagging;

public class TaggingTests
{
    // Logits 0, 0, 2 for targets pad, 1, 0.
    static (Tensor Logits, Tensor Targets) Example() => (tensor(new float[] { 0, 0, 2 }, [1, 3]), tensor(new long[] { -1, 1, 0 }, [1, 3]));

    [Fact]
    public void The_masked_loss_averages_over_real_tokens_by_hand()
    {
        using var scope = NewDisposeScope();
        var (logits, targets) = Example();
        double ln2 = Math.Log(2), second = Math.Log(1 + Math.Exp(2));
        Assert.Equal((ln2 + second) / 2, TokenBinaryCrossEntropy.OverRealTokens(logits, targets).item<float>(), 5);
        // Over all positions the pad counts as a 0 label: bce(0, 0) = ln 2.
        Assert.Equal((2 * ln2 + second) / 3, TokenBinaryCrossEntropy.OverAllPositions(logits, targets).item<float>(), 5);
        // Predictions 0, 0, 1: real tokens 0 of 2 correct; all positions 1 of 3 (the pad).
        Assert.Equal((0L, 2L), TokenBinaryCrossEntropy.Accuracy(logits, targets, realTokensOnly: true));
        Assert.Equal((1L, 3L), TokenBinaryCrossEntropy.Accuracy(logits, targets, realTokensOnly: false));
        Assert.Equal(2, new TaggingObjective().Count(logits, targets));
    }

    [Fact]
    public void The_masked_loss_sends_no_gradient_to_pad_positions()
    {
        using var scope = NewDisposeScope();
        var (logits, targets) = Example();
        logits.requires_grad_(true);
        TokenBinaryCrossEntropy.OverRealTokens(logits, targets).backward();
        Assert.Equal(0f, logits.grad![0, 0].item<float>());
        Assert.NotEqual(0f, logits.grad![0, 1].item<float>());
    }

    [Fact]
    public void Bad_targets_are_refused()
    {
        using var scope = NewDisposeScope();
        Assert.Contains("targets must be 0, 1 or -1 (pad); found values from 0 to 2", Assert.Throws<ArgumentOutOfRangeException>(() => TokenBinaryCrossEntropy.OverRealTokens(zeros(1, 2), tensor(new long[] { 0, 2 }, [1, 2]))).Message);
        Assert.Contains("logits and targets must have the same shape: logits (1, 2), targets (1, 3)", Assert.Throws<ArgumentException>(() => TokenBinaryCrossEntropy.OverRealTokens(zeros(1, 2), zeros([1, 3], ScalarType.Int64))).Message);
    }

    [Fact]
    public void The_tagging_corpus_is_deterministic_and_ambiguous_words_are_entities_only_after_a_cue()
    {
        var first = TaggingCorpus.Generate(500, seed: 3);
        var again = TaggingCorpus.Generate(500, seed: 3);
        Assert.Equal(first.Tokens.SelectMany(t => t), again.Tokens.SelectMany(t => t));
        double entityShare = first.Labels.SelectMany(l => l).Average();
        Assert.InRange(entityShare, 0.07, 0.13);
        string[] cues = ["met", "visited", "called", "joined", "from"];
        for (int s = 0; s < first.Count; s++)
            for (int t = 0; t < first.Tokens[s].Length; t++)
                if (first.Tokens[s][t].StartsWith('a'))
                    Assert.Equal(t > 0 && cues.Contains(first.Tokens[s][t - 1]) ? 1 : 0, first.Labels[s][t]);
    }

    [Fact]
    public void Padded_tagging_data_pads_targets_with_the_pad_label_on_the_ids_side_and_keeps_unknown_words()
    {
        var train = new NotebookCourse.Helpers.Data.TaggedSentences([["a", "b"], ["b"]], [[0, 1], [1]]);
        var validation = new NotebookCourse.Helpers.Data.TaggedSentences([["c", "b", "a"]], [[1, 1, 0]]);
        var data = PaddedTaggingData.Build(train, validation, maxWords: null, maxLength: 3, PaddingSide.Pre);
        Assert.Equal([0L, 3, 2, 0, 0, 2], data.Train.Inputs.data<long>().ToArray());
        Assert.Equal([-1L, 0, 1, -1, -1, 1], data.Train.Targets.data<long>().ToArray());
        // "c" is unknown: it becomes the OOV id 1 and keeps its label.
        Assert.Equal([1L, 2, 3], data.Validation.Inputs.data<long>().ToArray());
        Assert.Equal([1L, 1, 0], data.Validation.Targets.data<long>().ToArray());
    }

    [Fact]
    public void Scores_count_entities_over_real_tokens_and_the_all_position_view_counts_pads_as_correct_zeros()
    {
        using var scope = NewDisposeScope();
        // Targets: pad, pad, 1, 0, 1. Predictions (logit > 0): -, -, yes, yes, no.
        var logits = tensor(new float[] { -5, -5, 3, 1, -2 }, [1, 5]);
        var targets = tensor(new long[] { -1, -1, 1, 0, 1 }, [1, 5]);
        var scores = TaggingEvaluation.Score(logits, targets);
        Assert.Equal(1.0 / 3, scores.RealTokenAccuracy, 6);
        Assert.Equal(3.0 / 5, scores.AllPositionAccuracy, 6);
        Assert.Equal(0.5, scores.EntityRecall, 6);
        Assert.Equal(0.5, scores.EntityPrecision, 6);
        Assert.Equal(0.5, scores.EntityF1, 6);
        Assert.Equal(2 * 0.25 * 1.0 / 1.25, new TaggingScores(0, 0, 0, 0, EntityRecall: 1.0, EntityPrecision: 0.25).EntityF1, 9);
        Assert.Equal(0.0, new TaggingScores(0, 0, 0, 0, EntityRecall: 0, EntityPrecision: 0).EntityF1);
        Assert.Equal(0.0, new TaggingScores(0, 0, 0, 0, EntityRecall: 0, EntityPrecision: double.NaN).EntityF1);   // predicts no entity
        Assert.True(double.IsNaN(new TaggingScores(0, 0, 0, 0, EntityRecall: double.NaN, EntityPrecision: double.NaN).EntityF1));   // no entity to find
        Assert.True(scores.AllPositionLoss < scores.RealTokenLoss);
    }

    [Fact]
    public void Scores_accept_float64_logits_and_give_the_float32_numbers()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new float[] { -5, -5, 3, 1, -2 }, [1, 5]);
        var targets = tensor(new long[] { -1, -1, 1, 0, 1 }, [1, 5]);
        var single = TaggingEvaluation.Score(logits, targets);
        var @double = TaggingEvaluation.Score(logits.to(ScalarType.Float64), targets);
        Assert.Equal(single.RealTokenLoss, @double.RealTokenLoss, 5);
        Assert.Equal(single.AllPositionLoss, @double.AllPositionLoss, 5);
        Assert.Equal(single.EntityRecall, @double.EntityRecall);
    }

    [Fact]
    public void An_infinite_logit_at_a_pad_does_not_reach_the_real_token_loss()
    {
        using var scope = NewDisposeScope();
        var (logits, targets) = Example();
        logits[0, 0] = tensor(float.PositiveInfinity);
        double ln2 = Math.Log(2), second = Math.Log(1 + Math.Exp(2));
        Assert.Equal((ln2 + second) / 2, TokenBinaryCrossEntropy.OverRealTokens(logits, targets).item<float>(), 5);
    }

    [Fact]
    public void Evaluate_scores_the_model_in_batches_as_score_does_on_all_logits_and_restores_training_mode()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var tagger = new NotebookCourse.Helpers.Models.BiLstmTagger(10, 4, 3);
        var inputs = tensor(new long[] { 5, 3, 9, 0, 7, 2, 4, 8, 1, 0, 0, 0 }, [3, 4]);
        var targets = tensor(new long[] { 1, 0, 0, -1, 0, 1, 0, 0, 1, -1, -1, -1 }, [3, 4]);
        tagger.train();

        var evaluated = TaggingEvaluation.Evaluate(tagger, new TrainingData(inputs, targets), CPU, batchSize: 2);

        Assert.True(tagger.training, "Evaluate must give the model back in training mode");
        tagger.eval();
        using var noGrad = no_grad();
        var direct = TaggingEvaluation.Score(tagger.forward(inputs), targets);
        Assert.Equal(direct.RealTokenLoss, evaluated.RealTokenLoss, 6);
        Assert.Equal(direct.RealTokenAccuracy, evaluated.RealTokenAccuracy, 6);
        Assert.Equal(direct.AllPositionAccuracy, evaluated.AllPositionAccuracy, 6);
        Assert.Equal(direct.EntityRecall, evaluated.EntityRecall, 6);
    }
}
