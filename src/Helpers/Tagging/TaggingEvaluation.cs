using NotebookCourse.Helpers.Training;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tagging;

/// <summary>
/// A tagger's scores two ways: over real tokens only, and over every position with pads counted as label 0; and its
/// entity precision, recall and F1, counted per token (a token predicted as part of an entity against one labelled so).
/// </summary>
public sealed record TaggingScores(double RealTokenLoss, double RealTokenAccuracy, double AllPositionLoss, double AllPositionAccuracy, double EntityRecall, double EntityPrecision)
{
    /// <summary>
    /// The harmonic mean of precision and recall. A tagger that predicts no entity has no precision but recall 0, and F1 0
    /// (as scikit-learn and the shared tasks count it); with no entities in the targets it is undefined (NaN).
    /// </summary>
    public double EntityF1 => double.IsNaN(EntityRecall) ? double.NaN
        : double.IsNaN(EntityPrecision) ? (EntityRecall == 0 ? 0 : double.NaN)
        : EntityPrecision + EntityRecall == 0 ? 0 : 2 * EntityPrecision * EntityRecall / (EntityPrecision + EntityRecall);
}

public static class TaggingEvaluation
{
    /// <summary>Scores logits (batch, time) against targets padded with <see cref="TokenLabels.Pad"/>.</summary>
    public static TaggingScores Score(Tensor logits, Tensor targets)
    {
        using var scope = NewDisposeScope();
        var (realCorrect, realCount) = TokenBinaryCrossEntropy.Accuracy(logits, targets, realTokensOnly: true);
        var (allCorrect, allCount) = TokenBinaryCrossEntropy.Accuracy(logits, targets, realTokensOnly: false);
        var predicted = logits.gt(0);
        var entity = targets.eq(1);
        double truePositives = predicted.logical_and(entity).sum().item<long>();
        double entities = entity.sum().item<long>();
        double predictedEntities = predicted.logical_and(targets.ne(TokenLabels.Pad)).sum().item<long>();
        return new(
            Scalar(TokenBinaryCrossEntropy.OverRealTokens(logits, targets)), (double)realCorrect / Math.Max(realCount, 1),
            Scalar(TokenBinaryCrossEntropy.OverAllPositions(logits, targets)), (double)allCorrect / Math.Max(allCount, 1),
            entities == 0 ? double.NaN : truePositives / entities, predictedEntities == 0 ? double.NaN : truePositives / predictedEntities);
    }

    // Any floating dtype (float16 to float64): item<float>() on a float64 tensor throws.
    static double Scalar(Tensor value) => value.to(ScalarType.Float64).item<double>();

    /// <summary>Runs the model over the data (batched, on the device) and scores it.</summary>
    public static TaggingScores Evaluate(nn.Module<Tensor, Tensor> model, TrainingData data, Device device, int batchSize = 256)
    {
        using var scope = NewDisposeScope();
        var logits = Trainer.Predict(model, data.Inputs, batchSize, device);
        return Score(logits, data.Targets);
    }
}
