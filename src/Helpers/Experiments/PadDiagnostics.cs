using NotebookCourse.Helpers.Models;
using NotebookCourse.Helpers.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Experiments;

/// <summary>What pads do inside a flatten + dense model, measured over a data set in batches.</summary>
public static class PadDiagnostics
{
    /// <summary>
    /// Mean absolute hidden pre-activation coming from pad positions and from token positions (bias excluded).
    /// A ratio above 1 means pads drive the dense layer more than the text does.
    /// </summary>
    public static (double FromPads, double FromTokens) PreActivationShares(FlattenDenseClassifier model, TrainingData data, Device device, int batchSize = 256)
    {
        double pads = 0, tokens = 0;
        long count = 0;
        ForEachBatch(model, data, device, batchSize, ids =>
        {
            var (fromPads, fromTokens) = model.PreActivationParts(ids);
            pads += fromPads.abs().sum().item<float>();
            tokens += fromTokens.abs().sum().item<float>();
            count += fromPads.numel();
        });
        return (pads / count, tokens / count);
    }

    /// <summary>Share of hidden units that output zero for every example: dead relu units, which no longer learn.</summary>
    public static double DeadUnitShare(FlattenDenseClassifier model, TrainingData data, Device device, int batchSize = 256)
    {
        Tensor? everZero = null;
        try
        {
            ForEachBatch(model, data, device, batchSize, ids =>
            {
                var zeroHere = model.HiddenActivations(ids).eq(0).all(0).cpu();
                var combined = everZero is null ? zeroHere : everZero.logical_and(zeroHere);
                everZero?.Dispose();
                everZero = combined.DetachFromDisposeScope();
            });
            return everZero!.to(ScalarType.Float32).mean().item<float>();
        }
        finally
        {
            everZero?.Dispose();
        }
    }

    static void ForEachBatch(FlattenDenseClassifier model, TrainingData data, Device device, int batchSize, Action<Tensor> action)
    {
        bool wasTraining = model.training;
        model.to(device).eval();
        try
        {
            using var noGrad = no_grad();
            for (long start = 0; start < data.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                action(data.Inputs.narrow(0, start, Math.Min(batchSize, data.Count - start)).to(device));
            }
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>The first epoch whose validation accuracy reaches <paramref name="target"/>, or null.</summary>
    public static int? EpochsToReach(TrainingHistory history, double target) =>
        history.Epochs.FirstOrDefault(e => e.ValidationAccuracy >= target)?.Epoch;
}
