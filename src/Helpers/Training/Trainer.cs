using System.Diagnostics;
using NotebookCourse.Helpers.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Training;

/// <summary>
/// Mini-batch training with Adam, shared by every lesson: seeded shuffling, per-epoch train and validation
/// metrics, early stopping on validation loss, and callbacks for live progress. Every batch runs in its own
/// dispose scope, so a long run does not accumulate native tensors.
/// </summary>
public static class Trainer
{
    /// <summary>
    /// The parameters the optimizer is given: those that require gradient. A frozen one (a frozen pre-trained table) is
    /// left out, so the optimizer keeps no state for it and cannot move it.
    /// </summary>
    public static IReadOnlyList<TorchSharp.Modules.Parameter> TrainableParameters(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var trainable = model.parameters().Where(p => p.requires_grad).ToList();
        if (trainable.Count == 0)
            throw new ArgumentException($"{model.GetName()} has no trainable parameter: every one is frozen, so there is nothing to train.", nameof(model));
        return trainable;
    }

    public static TrainingHistory Fit(nn.Module<Tensor, Tensor> model, TrainingData train, TrainingData? validation, ITrainingObjective objective, TrainingOptions options, string name = "model")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (train.Count == 0)
            throw new ArgumentException("train must hold at least one example.", nameof(train));
        CheckInputs(model, train, nameof(train));
        if (validation is not null)
            CheckInputs(model, validation, nameof(validation));

        var device = options.Device ?? ComputeDevice.Choose();
        model.to(device);
        torch.manual_seed(options.Seed);
        if (cuda.is_available())
            cuda.manual_seed_all(options.Seed);
        var order = new Random(Seeds.Derive(options.Seed, "trainer shuffle"));
        using var optimizer = new InPlaceAdam(TrainableParameters(model), options.LearningRate);

        var epochs = new List<EpochMetrics>();
        double bestLoss = double.PositiveInfinity;
        int bestEpoch = 0, sinceBest = 0;
        bool stoppedEarly = false;
        List<Tensor>? bestWeights = null;
        try
        {
            for (int epoch = 1; epoch <= options.Epochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                model.train();
                var batches = Batches(train.Count, options.BatchSize, options.Shuffle ? order : null);
                double lossSum = 0;
                long correct = 0, count = 0;
                for (int b = 0; b < batches.Count; b++)
                {
                    using var scope = NewDisposeScope();
                    var (inputs, extra, targets) = Batch(train, batches[b], device);
                    optimizer.zero_grad();
                    var output = Forward(model, inputs, extra);
                    var loss = objective.Loss(output, targets);
                    loss.backward();
                    optimizer.step();
                    if (model is IConstrainedModel constrained)
                        constrained.ApplyConstraints();
                    double batchLoss = loss.item<float>();
                    long batchCount = objective.Count(output, targets);
                    using (no_grad())
                        correct += objective.Correct(output, targets);
                    lossSum += batchLoss * batchCount;
                    count += batchCount;
                    options.OnBatch?.Invoke(new(epoch, b + 1, batches.Count, batchLoss));
                }
                var (validationLoss, validationAccuracy) = validation is null ? (double.NaN, double.NaN) : Evaluate(model, validation, objective, options.BatchSize, device);
                var metrics = new EpochMetrics(epoch, lossSum / Math.Max(count, 1), (double)correct / Math.Max(count, 1), validationLoss, validationAccuracy, clock.Elapsed.TotalSeconds);
                epochs.Add(metrics);
                options.OnEpoch?.Invoke(metrics);

                double monitored = validation is null ? metrics.TrainLoss : validationLoss;
                if (monitored < bestLoss)
                {
                    bestLoss = monitored;
                    bestEpoch = epoch;
                    sinceBest = 0;
                    if (options.RestoreBestWeights)
                        bestWeights = Snapshot(model, bestWeights);
                }
                else if (options.Patience is { } patience && validation is not null && ++sinceBest >= patience)
                {
                    stoppedEarly = true;
                    break;
                }
            }
            if (options.RestoreBestWeights && bestWeights is not null)
                Restore(model, bestWeights);
        }
        finally
        {
            bestWeights?.ForEach(t => t.Dispose());
        }
        return new TrainingHistory(name, epochs, bestEpoch == 0 ? epochs.Count : bestEpoch, stoppedEarly);
    }

    /// <summary>Mean loss and accuracy over a data set, in evaluation mode and without gradients.</summary>
    public static (double Loss, double Accuracy) Evaluate(nn.Module<Tensor, Tensor> model, TrainingData data, ITrainingObjective objective, int batchSize = 256, Device? device = null)
    {
        device ??= ComputeDevice.Choose();
        CheckInputs(model, data, nameof(data));
        bool wasTraining = model.training;
        model.eval();
        try
        {
            double lossSum = 0;
            long correct = 0, count = 0;
            using var noGrad = no_grad();
            foreach (var indices in Batches(data.Count, batchSize, null))
            {
                using var scope = NewDisposeScope();
                var (inputs, extra, targets) = Batch(data, indices, device);
                var output = Forward(model, inputs, extra);
                long n = objective.Count(output, targets);
                lossSum += objective.Loss(output, targets).item<float>() * n;
                correct += objective.Correct(output, targets);
                count += n;
            }
            return (lossSum / Math.Max(count, 1), (double)correct / Math.Max(count, 1));
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>The model's outputs for every example, on the CPU, in order.</summary>
    public static Tensor Predict(nn.Module<Tensor, Tensor> model, Tensor inputs, int batchSize = 256, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return PredictBatches(model, inputs.shape[0], batchSize, device, (indices, d) => (inputs.index_select(0, tensor(indices)).to(d), []));
    }

    /// <summary>The model's outputs for every example of <paramref name="data"/> (its extra inputs and input pipeline included), on the CPU, in order.</summary>
    public static Tensor Predict(nn.Module<Tensor, Tensor> model, TrainingData data, int batchSize = 256, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckInputs(model, data, nameof(data));
        return PredictBatches(model, data.Count, batchSize, device, (indices, d) =>
        {
            var (inputs, extra, _) = Batch(data, indices, d);
            return (inputs, extra);
        });
    }

    /// <summary>The outputs of a model that takes several inputs (one row per example in each), on the CPU, in order.</summary>
    public static Tensor Predict(nn.Module<Tensor, Tensor> model, IReadOnlyList<Tensor> inputs, int batchSize = 256, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
            throw new ArgumentException("Give at least one input.", nameof(inputs));
        var data = new TrainingData(inputs[0], zeros(inputs[0].shape[0])).WithExtraInputs([.. inputs.Skip(1)]);
        return Predict(model, data, batchSize, device);
    }

    static Tensor PredictBatches(nn.Module<Tensor, Tensor> model, long count, int batchSize, Device? device, Func<long[], Device, (Tensor Inputs, IReadOnlyList<Tensor> Extra)> batch)
    {
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), $"batchSize must be at least 1, got {batchSize}.");
        device ??= ComputeDevice.Choose();
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var outputs = new List<Tensor>();
            foreach (var indices in Batches(count, batchSize, null))
            {
                using var batchScope = NewDisposeScope();
                var (inputs, extra) = batch(indices, device);
                outputs.Add(Forward(model, inputs, extra).cpu().MoveToOuterDisposeScope());
            }
            return cat(outputs, 0).MoveToOuterDisposeScope();
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    static List<long[]> Batches(long count, int batchSize, Random? shuffle)
    {
        var indices = Enumerable.Range(0, (int)count).Select(i => (long)i).ToArray();
        if (shuffle is not null)
            shuffle.Shuffle(indices);
        return indices.Chunk(batchSize).ToList();
    }

    static (Tensor Inputs, IReadOnlyList<Tensor> Extra, Tensor Targets) Batch(TrainingData data, long[] indices, Device device)
    {
        var index = tensor(indices);
        var inputs = data.Inputs.index_select(0, index);
        if (data.InputPipeline is { } pipeline)
            inputs = pipeline(inputs);
        var extra = data.ExtraInputs.Select(e => e.index_select(0, index).to(device)).ToList();
        return (inputs.to(device), extra, data.Targets.index_select(0, index).to(device));
    }

    static Tensor Forward(nn.Module<Tensor, Tensor> model, Tensor inputs, IReadOnlyList<Tensor> extra) =>
        extra.Count == 0 ? model.forward(inputs) : ((IMultiInputModel)model).Forward([inputs, .. extra]);

    // Before any step: a model that takes one input cannot be given several.
    static void CheckInputs(nn.Module<Tensor, Tensor> model, TrainingData data, string name)
    {
        if (data.ExtraInputs.Count > 0 && model is not IMultiInputModel)
            throw new ArgumentException($"{name} has {data.ExtraInputs.Count + 1} inputs per example, but {model.GetName()} takes one; a model for several inputs implements IMultiInputModel.", name);
    }

    static List<Tensor> Snapshot(nn.Module model, List<Tensor>? previous)
    {
        previous?.ForEach(t => t.Dispose());
        using var noGrad = no_grad();
        return model.parameters().Select(p => p.detach().clone().DetachFromDisposeScope()).ToList();
    }

    static void Restore(nn.Module model, List<Tensor> weights)
    {
        using var noGrad = no_grad();
        foreach (var (parameter, saved) in model.parameters().Zip(weights))
            parameter.copy_(saved);
    }
}
