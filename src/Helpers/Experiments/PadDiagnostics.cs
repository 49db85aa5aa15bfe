using NotebookCourse.Helpers.Embeddings;
using NotebookCourse.Helpers.Models;
using NotebookCourse.Helpers.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Experiments;

/// <summary>What pads do inside a flatten + dense model, measured over a probe of documents.</summary>
/// <param name="FromPads">Mean absolute hidden pre-activation from pad positions (bias excluded).</param>
/// <param name="FromTokens">The same from token positions.</param>
/// <param name="DeadUnitShare">Share of hidden units that output zero for every document.</param>
public sealed record PadProbe(double FromPads, double FromTokens, double DeadUnitShare);

/// <summary>What pads do inside a flatten + dense model, measured over a data set in batches.</summary>
public static class PadDiagnostics
{
    /// <summary>
    /// Mean absolute hidden pre-activation coming from pad positions and from token positions (bias excluded).
    /// A ratio above 1 means pads drive the dense layer more than the text does.
    /// </summary>
    /// <param name="batchSize">Documents per batch; by default as many as keep a batch's flattened input within 32 MiB (at most 256).</param>
    public static (double FromPads, double FromTokens) PreActivationShares(FlattenDenseClassifier model, TrainingData data, Device device, int? batchSize = null)
    {
        var probe = Probe(model, data, device, batchSize);
        return (probe.FromPads, probe.FromTokens);
    }

    /// <summary>Share of hidden units that output zero for every example: dead relu units, which no longer learn.</summary>
    /// <param name="batchSize">Documents per batch; by default as many as keep a batch's flattened input within 32 MiB (at most 256).</param>
    public static double DeadUnitShare(FlattenDenseClassifier model, TrainingData data, Device device, int? batchSize = null) =>
        Probe(model, data, device, batchSize).DeadUnitShare;

    /// <summary>
    /// <see cref="PreActivationShares"/> and <see cref="DeadUnitShare"/> from one pass over the data: one lookup and one
    /// product with the dense weights per batch serve both (lesson 2 measures them every few training steps).
    /// </summary>
    /// <param name="batchSize">Documents per batch; by default as many as keep a batch's flattened input within 32 MiB (at most 256).</param>
    public static PadProbe Probe(FlattenDenseClassifier model, TrainingData data, Device device, int? batchSize = null)
    {
        double pads = 0, tokens = 0;
        long count = 0;
        Tensor? everZero = null;
        try
        {
            ForEachBatch(model, data, device, batchSize, ids =>
            {
                var (preActivation, fromPads, fromTokens) = model.PreActivationSplit(ids);
                pads += fromPads.abs().sum().item<float>();
                tokens += fromTokens.abs().sum().item<float>();
                count += fromPads.numel();
                var zeroHere = nn.functional.relu(preActivation).eq(0).all(0).cpu();
                var combined = everZero is null ? zeroHere : everZero.logical_and(zeroHere);
                everZero?.Dispose();
                everZero = combined.DetachFromDisposeScope();
            });
            return new(pads / count, tokens / count, everZero!.to(ScalarType.Float32).mean().item<float>());
        }
        finally
        {
            everZero?.Dispose();
        }
    }

    const long BatchInputBytes = 32L << 20;

    /// <summary>
    /// Documents per batch when the caller gives none. The flattened input and the copies made from it grow with the
    /// document length; at 20 Newsgroups' settings (1,100 x 300) 256 documents are 338 MB, and blocks over 64 MB are
    /// mapped fresh on every call on a thread other than the main one (glibc's heaps there are 64 MB), which made
    /// lesson 2's step diagnostics cost more than its training.
    /// </summary>
    internal static int DefaultBatchSize(FlattenDenseClassifier model)
    {
        long bytesPerDocument = (long)model.MaxLength * model.Embedding.Table.shape[1] * sizeof(float);
        return (int)Math.Clamp(BatchInputBytes / bytesPerDocument, 1, 256);
    }

    static void ForEachBatch(FlattenDenseClassifier model, TrainingData data, Device device, int? batchSize, Action<Tensor> action)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), $"batchSize must be at least 1, got {batchSize}.");
        int size = batchSize ?? DefaultBatchSize(model);
        bool wasTraining = model.training;
        model.to(device).eval();
        try
        {
            using var noGrad = no_grad();
            for (long start = 0; start < data.Count; start += size)
            {
                using var scope = NewDisposeScope();
                action(data.Inputs.narrow(0, start, Math.Min(size, data.Count - start)).to(device));
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
