using System.Diagnostics;
using NotebookCourse.Helpers.Models;
using NotebookCourse.Helpers.Padding;
using NotebookCourse.Helpers.Pretrained;
using NotebookCourse.Helpers.Runtime;
using NotebookCourse.Helpers.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Experiments;

/// <summary>The schedule every design in <see cref="PretrainedComparison"/> trains with.</summary>
public sealed record ComparisonOptions
{
    public int HiddenSize { get; init; } = 32;
    public int Epochs { get; init; } = 30;
    public int BatchSize { get; init; } = 32;
    public double LearningRate { get; init; } = 0.005;
    public Device? Device { get; init; }
}

/// <summary>One trained model of the comparison.</summary>
public sealed record DesignRun(TableDesign Design, double Budget, int Labels, int Seed, double ValidationAccuracy, nn.Module<Tensor, Tensor> Model, TrainingHistory History, TrainingData Train);

/// <summary>Validation accuracy of one design at one label budget, over seeds.</summary>
public sealed record BudgetPoint(TableDesign Design, double Budget, int Labels, IReadOnlyList<double> Accuracies)
{
    public double Mean => Accuracies.Average();
    public double Min => Accuracies.Min();
    public double Max => Accuracies.Max();
}

/// <summary>Time of one training step (forward, backward, optimizer step) and what one batch carries to the model.</summary>
public sealed record StepCost(TableDesign Design, double Milliseconds, long InputBytesPerBatch);

/// <summary>
/// Lesson 4's experiment: the same classifier head on the same padded task, with its vectors from a random trainable
/// table, pre-trained vectors frozen or fine-tuned inside the model, the same vectors fed from outside, or one shared
/// table. For a given seed every design starts from the same head weights, so only the table differs.
/// </summary>
public sealed class PretrainedComparison
{
    readonly PaddedTextData data;
    readonly AlignedVectors vectors;
    readonly ComparisonOptions options;
    readonly ExternalVectorPipeline pipeline;

    public PretrainedComparison(PaddedTextData data, AlignedVectors vectors, ComparisonOptions options)
    {
        this.data = data ?? throw new ArgumentNullException(nameof(data));
        this.vectors = vectors ?? throw new ArgumentNullException(nameof(vectors));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        if (vectors.Oov == OovHandling.SharedOovRow)
            throw new ArgumentException("The comparison feeds vocabulary ids straight to the table; align with ZeroVector, SmallRandom or MeanVector (SharedOovRow remaps ids).", nameof(vectors));
        if (vectors.Rows < data.Vocabulary.Size)
            throw new ArgumentException($"The aligned table has {vectors.Rows} rows; the vocabulary needs {data.Vocabulary.Size}.", nameof(vectors));
        pipeline = new ExternalVectorPipeline(vectors);
        Device = options.Device ?? ComputeDevice.Choose();
    }

    public Device Device { get; }
    public int Classes => data.ClassNames.Count;
    public ExternalVectorPipeline Pipeline => pipeline;

    /// <summary>A seeded share of the training examples (at least one per class on average).</summary>
    public TrainingData TrainSubset(double budget, int seed)
    {
        if (budget is <= 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(budget), $"budget is a share of the training labels in (0, 1], got {budget}.");
        int count = (int)Math.Clamp(Math.Round(data.Train.Count * budget), Math.Min(Classes, data.Train.Count), data.Train.Count);
        var order = Enumerable.Range(0, (int)data.Train.Count).Select(i => (long)i).ToArray();
        new Random(Seeds.Derive(seed, "label budget")).Shuffle(order);
        using var index = tensor(order[..count]);
        return new TrainingData(data.Train.Inputs.index_select(0, index), data.Train.Targets.index_select(0, index));
    }

    /// <summary>A fresh model of the design; the same seed gives every design the same head weights (it sets the global seed: <see cref="Seeds.Set"/>).</summary>
    public nn.Module<Tensor, Tensor> Build(TableDesign design, int seed, SharedVectorTable? shared = null)
    {
        Seeds.Set(seed);
        var head = new PooledVectorHead(vectors.Dimension, options.HiddenSize, Classes);
        return design switch
        {
            TableDesign.RandomTrainable => new EmbeddingClassifier(RandomTable(), head),
            TableDesign.PretrainedFrozen => new EmbeddingClassifier(new PretrainedEmbedding(vectors, frozen: true), head),
            TableDesign.PretrainedFineTuned => new EmbeddingClassifier(new PretrainedEmbedding(vectors, frozen: false), head),
            TableDesign.ExternalVectors => new ExternalVectorClassifier(head),
            TableDesign.SharedTable => new EmbeddingClassifier(new SharedTableEmbedding(shared
                ?? throw new ArgumentNullException(nameof(shared), "The SharedTable design needs the SharedVectorTable to read.")), head),
            _ => throw new ArgumentOutOfRangeException(nameof(design), $"Unknown TableDesign {design}."),
        };
    }

    /// <summary>The data a design is fed: ids, or vectors looked up outside the model batch by batch.</summary>
    public TrainingData Feed(TableDesign design, TrainingData ids) => design == TableDesign.ExternalVectors ? pipeline.Feed(ids) : ids;

    public DesignRun Train(TableDesign design, double budget, int seed, SharedVectorTable? shared = null, Action<EpochMetrics>? onEpoch = null)
    {
        var subset = TrainSubset(budget, seed);
        var model = Build(design, seed, shared);
        // A fixed schedule without early stopping, so validation is needed only once, at the end.
        var objective = new ClassificationObjective();
        var history = Trainer.Fit(model, Feed(design, subset), null, objective, new TrainingOptions
        {
            Epochs = options.Epochs, BatchSize = options.BatchSize, LearningRate = options.LearningRate, Seed = seed, Device = Device, OnEpoch = onEpoch,
        }, Name(design));
        var (_, accuracy) = Trainer.Evaluate(model, Feed(design, data.Validation), objective, device: Device);
        return new DesignRun(design, budget, (int)subset.Count, seed, accuracy, model, history, subset);
    }

    /// <summary>Final validation accuracy for every design, budget and seed.</summary>
    public IReadOnlyList<BudgetPoint> LabelBudgetCurves(IReadOnlyList<TableDesign> designs, IReadOnlyList<double> budgets, IReadOnlyList<int> seeds)
    {
        ArgumentNullException.ThrowIfNull(designs);
        ArgumentNullException.ThrowIfNull(budgets);
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0 || budgets.Count == 0)
            throw new ArgumentException("Give at least one budget and one seed.");
        var points = new List<BudgetPoint>();
        foreach (var design in designs)
            foreach (double budget in budgets)
            {
                var accuracies = new List<double>();
                int labels = 0;
                foreach (int seed in seeds)
                {
                    var run = Train(design, budget, seed);
                    labels = run.Labels;
                    accuracies.Add(run.ValidationAccuracy);
                    run.Model.Dispose();
                }
                points.Add(new BudgetPoint(design, budget, labels, accuracies));
            }
        return points;
    }

    /// <summary>Mean time of one training step on a fixed batch after warm-up, and the bytes that batch carries to the model.</summary>
    public StepCost MeasureStep(TableDesign design, int steps = 50, SharedVectorTable? shared = null)
    {
        if (steps < 1)
            throw new ArgumentOutOfRangeException(nameof(steps), $"steps must be at least 1, got {steps}.");
        using var model = Build(design, 0, shared);   // timing only: any weights will do
        model.to(Device);
        using var optimizer = new InPlaceAdam(Trainer.TrainableParameters(model), options.LearningRate);
        var objective = new ClassificationObjective();
        long count = Math.Min(options.BatchSize, data.Train.Count);
        long bytes = 0;
        var clock = new Stopwatch();
        for (int step = -5; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            if (step == 0)
                clock.Start();
            var ids = data.Train.Inputs.narrow(0, 0, count);
            var inputs = (design == TableDesign.ExternalVectors ? pipeline.Vectors(ids) : ids).to(Device);
            bytes = inputs.numel() * inputs.element_size();
            optimizer.zero_grad();
            var loss = objective.Loss(model.forward(inputs), data.Train.Targets.narrow(0, 0, count).to(Device));
            loss.backward();
            optimizer.step();
            _ = loss.item<float>();   // waits for the device
        }
        return new StepCost(design, clock.Elapsed.TotalMilliseconds / steps, bytes);
    }

    /// <summary>The size of the file <see cref="ModelCheckpoint.Save"/> writes for <paramref name="model"/>.</summary>
    public static long CheckpointBytes(nn.Module model, SharedVectorTable? table = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        string folder = Path.Combine(Path.GetTempPath(), $"course-checkpoint-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            string path = Path.Combine(folder, "model.bin");
            ModelCheckpoint.Save(model, path, table);
            return new FileInfo(path).Length;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static string Name(TableDesign design) => design switch
    {
        TableDesign.RandomTrainable => "random, trainable",
        TableDesign.PretrainedFrozen => "pre-trained, frozen in the model",
        TableDesign.PretrainedFineTuned => "pre-trained, fine-tuned",
        TableDesign.ExternalVectors => "external vectors, Masking(0)",
        TableDesign.SharedTable => "one shared table",
        _ => design.ToString(),
    };

    // Keras' Embedding default: uniform(-0.05, 0.05). The pad row is zero and, as padding_idx, stays so.
    TorchSharp.Modules.Embedding RandomTable()
    {
        var embedding = nn.Embedding(vectors.Rows, vectors.Dimension, padding_idx: 0);
        using var noGrad = no_grad();
        nn.init.uniform_(embedding.weight!, -0.05, 0.05);
        embedding.weight![0].zero_();
        return embedding;
    }
}
