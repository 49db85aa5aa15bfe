using NotebookCourse.Helpers.MultiLabel;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.MultiLabel;

[Collection(ProcessEnvironmentCollection.Name)]
public class MultiLabelEvaluationTests
{
    static readonly string[] Labels = ["drama", "comedy", "western"];
    static Tensor Targets() => tensor(new float[] { 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0 }, [4, 3]);
    static Tensor Probabilities() => tensor(new float[] { 0.9f, 0.2f, 0.1f, 0.6f, 0.7f, 0.1f, 0.8f, 0.3f, 0.2f, 0.1f, 0.1f, 0.1f }, [4, 3]);

    [Fact]
    public void Scores_match_a_hand_computed_case()
    {
        var scores = MultiLabelEvaluation.Score(Probabilities(), Targets(), Labels);
        // drama: tp 2, fp 1 -> P 2/3, R 1, F1 0.8; comedy: tp 1, fn 1 -> F1 2/3; western: never present, never predicted -> 0.
        Assert.Equal(new LabelScore("drama", 2, 1, 0, 2), scores.PerLabel[0]);
        Assert.Equal(0.8, scores.PerLabel[0].F1, 10);
        Assert.Equal(2.0 / 3, scores.PerLabel[1].F1, 10);
        Assert.Equal(0, scores.PerLabel[2].F1);
        Assert.Equal(0.75, scores.MicroF1, 10);                 // tp 3, fp 1, fn 1
        Assert.Equal((0.8 + 2.0 / 3) / 3, scores.MacroF1, 10);
        Assert.Equal(10.0 / 12, scores.SlotAccuracy, 5);
        Assert.Equal(0.5, scores.SubsetAccuracy, 5);
    }

    [Fact]
    public void Predicting_nothing_scores_high_slot_accuracy_and_zero_F1()
    {
        var nothing = MultiLabelEvaluation.Score(zeros(4, 3) + 0.01f, Targets(), Labels);
        Assert.Equal(8.0 / 12, nothing.SlotAccuracy, 5);
        Assert.Equal(0, nothing.MicroF1);
    }

    [Fact]
    public void The_best_threshold_is_chosen_by_micro_F1_and_logits_are_accepted()
    {
        var best = MultiLabelEvaluation.BestThreshold(Probabilities(), Targets(), Labels, candidates: [0.25, 0.5, 0.65]);
        Assert.Equal(0.25, best.Threshold);
        Assert.Equal(8.0 / 9, best.MicroF1, 10);                // tp 4, fp 1, fn 0
        var fromLogits = MultiLabelEvaluation.Score(Probabilities().logit(), Targets(), Labels, logits: true);
        Assert.Equal(0.75, fromLogits.MicroF1, 10);
        Assert.Contains("only 0 and 1", Assert.Throws<ArgumentException>(() => MultiLabelEvaluation.Score(Probabilities(), Targets() * 2, Labels)).Message);
        Assert.Contains("names 2 labels", Assert.Throws<ArgumentException>(() => MultiLabelEvaluation.Score(Probabilities(), Targets(), ["a", "b"])).Message);
    }
}
