using NotebookCourse.Helpers.Embeddings;
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

    /// <summary>
    /// The dense layer's weight gradient after one backward pass on a batch, split by column: the mean absolute
    /// gradient at columns of positions that are pads in every document of the batch, and at the other columns. With
    /// zeroed pads the first is exactly 0: the dense layer's gradient is upstream x input, and the input there is 0.
    /// </summary>
    public static (double AtPadColumns, double AtOtherColumns) DenseGradientByColumn(FlattenDenseClassifier model, Tensor ids, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var scope = NewDisposeScope();
        bool wasTraining = model.training;
        model.eval();   // no dropout: the split is exact
        try
        {
            model.zero_grad();
            new ClassificationObjective().Loss(model.forward(ids), targets).backward();
            var gradient = model.named_parameters().Single(p => p.name == "hidden.weight").parameter.grad!.abs();
            long dim = gradient.shape[1] / model.MaxLength;
            var padEverywhere = ids.eq(PaddedEmbedding.PadId).all(0).repeat_interleave(dim).to(gradient.device);
            if (!padEverywhere.any().item<bool>() || padEverywhere.all().item<bool>())
                throw new ArgumentException("The batch needs at least one position that is a pad in every document and one that is not.", nameof(ids));
            double atPads = gradient.index_select(1, padEverywhere.nonzero().flatten()).mean().item<float>();
            double atOthers = gradient.index_select(1, padEverywhere.logical_not().nonzero().flatten()).mean().item<float>();
            model.zero_grad();
            return (atPads, atOthers);
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
