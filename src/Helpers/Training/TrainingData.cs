using NotebookCourse.Helpers.Validation;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Training;

/// <summary>Inputs and targets with one row per example, kept on the CPU; the trainer moves each batch to the device.</summary>
public sealed record TrainingData
{
    public TrainingData(Tensor inputs, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.dim() == 0 || targets.dim() == 0)
            throw new ArgumentException($"inputs and targets need a leading example dimension; got shapes {TensorChecks.Shape(inputs)} and {TensorChecks.Shape(targets)}.");
        TensorChecks.SameLeadingDimension(inputs, nameof(inputs), targets, nameof(targets));
        Inputs = inputs;
        Targets = targets;
    }

    public Tensor Inputs { get; }
    public Tensor Targets { get; }

    /// <summary>
    /// Runs on each batch's inputs on the CPU before the batch goes to the device (a Keras generator or tf.data map),
    /// e.g. looking up vectors outside the model; null feeds the inputs as they are.
    /// </summary>
    public Func<Tensor, Tensor>? InputPipeline { get; init; }

    /// <summary>Further inputs with one row per example, for an <see cref="IMultiInputModel"/>; set with <see cref="WithExtraInputs"/>.</summary>
    public IReadOnlyList<Tensor> ExtraInputs { get; private init; } = [];

    /// <summary>The same examples with further inputs (token fields, numeric features), each with one row per example.</summary>
    public TrainingData WithExtraInputs(params Tensor[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        for (int i = 0; i < inputs.Length; i++)
        {
            if (inputs[i] is null || inputs[i].dim() == 0)
                throw new ArgumentException($"Extra input {i} needs a leading example dimension.", nameof(inputs));
            TensorChecks.SameLeadingDimension(Inputs, nameof(Inputs), inputs[i], $"extra input {i}");
        }
        return this with { ExtraInputs = inputs };
    }

    public long Count => Inputs.shape[0];
}
