using TorchSharp;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Embeddings;

/// <summary>How far a table row moves on each optimizer step after it stopped receiving gradient.</summary>
/// <param name="Optimizer">"adam" or "sgd".</param>
/// <param name="LearningRate">The step size, the unit the movements are compared with.</param>
/// <param name="Movements">
/// The row's movement on each step after its last gradient, in order: the largest change of any of its coordinates,
/// since Adam bounds each coordinate's step by about one learning rate.
/// </param>
public sealed record StaleRowResult(string Optimizer, double LearningRate, double[] Movements)
{
    /// <summary>The total displacement after the last gradient, in learning rates.</summary>
    public double TotalInLearningRates => Movements.Sum() / LearningRate;

    /// <summary>Steps on which the row still moved by at least 1 % of a learning rate.</summary>
    public int StepsStillMoving => Movements.Count(m => m >= 0.01 * LearningRate);
}

/// <summary>
/// Trains a small embedding table so that one row gets gradient for a while and then none (its word stops
/// appearing in batches), and records how that row moves afterwards. With SGD it stops at once. With Adam
/// it keeps going: the step is the decaying first moment over the slowly decaying second moment.
/// </summary>
public static class StaleRowMovement
{
    public static StaleRowResult Measure(string optimizer, double learningRate = 0.01, int stepsWithGradient = 20, int stepsAfter = 40,
        int vocabularySize = 20, int dim = 4, int seed = 0)
    {
        if (optimizer is not ("adam" or "sgd"))
            throw new ArgumentException($"optimizer must be \"adam\" or \"sgd\", got \"{optimizer}\".", nameof(optimizer));
        if (learningRate <= 0 || stepsWithGradient < 1 || stepsAfter < 1 || vocabularySize < 3 || dim < 1)
            throw new ArgumentOutOfRangeException(nameof(learningRate),
                $"Need learningRate > 0, stepsWithGradient and stepsAfter >= 1, vocabularySize >= 3, dim >= 1; got {learningRate}, {stepsWithGradient}, {stepsAfter}, {vocabularySize}, {dim}.");
        const int row = 1;
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)seed);
        using var embedding = nn.Embedding(vocabularySize, dim);
        using (no_grad())
            embedding.weight!.copy_(randn([vocabularySize, dim], generator: generator));
        var targets = randn([vocabularySize, dim], generator: generator);
        var parameters = embedding.parameters();
        optim.Optimizer stepper = optimizer == "adam" ? optim.Adam(parameters, learningRate) : optim.SGD(parameters, learningRate);
        var movements = new List<double>();
        for (int i = 0; i < stepsWithGradient + stepsAfter; i++)
        {
            using var inner = NewDisposeScope();
            // The row's id is in every batch of the first phase and in none of the second.
            var ids = randint(row + 1, vocabularySize, [8], generator: generator);
            if (i < stepsWithGradient)
                ids[0] = row;
            var before = embedding.weight![row].detach().clone();
            stepper.zero_grad();
            (embedding.forward(ids) - targets.index_select(0, ids)).pow(2).sum().backward();
            stepper.step();
            if (i >= stepsWithGradient)
                movements.Add((embedding.weight![row] - before).abs().max().item<float>());
        }
        return new StaleRowResult(optimizer, learningRate, [.. movements]);
    }
}
