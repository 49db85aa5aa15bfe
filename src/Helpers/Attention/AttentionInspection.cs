using NotebookCourse.Helpers.Models;
using NotebookCourse.Helpers.MultiLabel;
using NotebookCourse.Helpers.Runtime;
using NotebookCourse.Helpers.Training;
using NotebookCourse.Helpers.Validation;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Attention;

/// <summary>Where attention looks, on average over documents that hold at least one signal token.</summary>
/// <param name="MeanSignalMass">Mean total weight on signal tokens.</param>
/// <param name="MeanSignalShare">Mean share of a document's real tokens that are signal tokens: the mass a uniform (masked mean) weighting would give them.</param>
public sealed record SignalAttention(int Documents, double MeanSignalMass, double MeanSignalShare)
{
    /// <summary>How many times more weight signal tokens get than their share of tokens.</summary>
    public double Ratio => MeanSignalShare == 0 ? double.NaN : MeanSignalMass / MeanSignalShare;
}

public static class AttentionInspection
{
    /// <summary>The attention weights (examples, time) <paramref name="model"/>'s <paramref name="field"/> gives every example of <paramref name="split"/>, on the CPU.</summary>
    public static Tensor Weights(MultiFieldClassifier model, MultiFieldData data, TrainingData split, string field, Device? device = null, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var encoder = model.Encoder(field);
        if (encoder.Field.Pooling is not (FieldPooling.AdditiveAttention or FieldPooling.TimeBiasTanhAttention))
            throw new ArgumentException($"Field '{field}' is pooled with {encoder.Field.Pooling}, which has no attention weights.", nameof(field));
        device ??= ComputeDevice.Choose();
        var ids = data.Ids(split, field);
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var parts = new List<Tensor>();
            for (long start = 0; start < ids.shape[0]; start += batchSize)
                parts.Add(encoder.Encode(ids.narrow(0, start, Math.Min(batchSize, ids.shape[0] - start)).to(device)).Weights!.cpu());
            return cat(parts, 0).MoveToOuterDisposeScope();
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>Attention mass on the tokens whose ids are in <paramref name="signalIds"/>, against their share of real tokens.</summary>
    /// <param name="weights">(examples, time), as <see cref="Weights"/> returns.</param>
    /// <param name="ids">(examples, time) int64, pad id 0.</param>
    public static SignalAttention SignalMass(Tensor weights, Tensor ids, IReadOnlySet<long> signalIds)
    {
        TensorChecks.Rank(weights, 2, nameof(weights), "weights (examples, time)");
        TensorChecks.Rank(ids, 2, nameof(ids), "ids (examples, time)");
        ArgumentNullException.ThrowIfNull(signalIds);
        if (!weights.shape.SequenceEqual(ids.shape))
            throw new ArgumentException($"weights and ids must have the same shape; got {TensorChecks.Shape(weights)} and {TensorChecks.Shape(ids)}.", nameof(ids));
        var w = weights.cpu().to(ScalarType.Float64).data<double>().ToArray();
        var id = ids.cpu().data<long>().ToArray();
        long rows = ids.shape[0], time = ids.shape[1];
        double mass = 0, share = 0;
        int documents = 0;
        for (long r = 0; r < rows; r++)
        {
            double m = 0;
            int real = 0, signal = 0;
            for (long t = 0; t < time; t++)
            {
                long token = id[r * time + t];
                if (token == 0)
                    continue;
                real++;
                if (signalIds.Contains(token))
                {
                    signal++;
                    m += w[r * time + t];
                }
            }
            if (signal == 0)
                continue;
            documents++;
            mass += m;
            share += (double)signal / real;
        }
        return documents == 0 ? new SignalAttention(0, 0, 0) : new SignalAttention(documents, mass / documents, share / documents);
    }

    /// <summary>
    /// The largest ratio between two real tokens' weights in any one document: exp(score range). A single tanh unit keeps
    /// it at most e² ≈ 7.4; unbounded scores let it grow without limit (infinity once a weight underflows to 0).
    /// </summary>
    public static double MaxWeightRatio(Tensor weights, Tensor ids)
    {
        TensorChecks.Rank(weights, 2, nameof(weights), "weights (examples, time)");
        if (!weights.shape.SequenceEqual(ids.shape))
            throw new ArgumentException($"weights and ids must have the same shape; got {TensorChecks.Shape(weights)} and {TensorChecks.Shape(ids)}.", nameof(ids));
        using var scope = NewDisposeScope();
        var w = weights.cpu().to(ScalarType.Float64);
        var real = ids.cpu().ne(0);
        var hasTwo = real.sum(dim: 1).ge(2);
        if (!hasTwo.any().item<bool>())
            return double.NaN;
        var max = w.masked_fill(real.logical_not(), double.NegativeInfinity).max(1).values;
        var min = w.masked_fill(real.logical_not(), double.PositiveInfinity).min(1).values;
        return (max / min).masked_select(hasTwo).max().item<double>();
    }
}
