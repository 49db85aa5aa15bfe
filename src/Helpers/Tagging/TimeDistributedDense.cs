using NotebookCourse.Helpers.Masking;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tagging;

/// <summary>The same dense layer at every time step (Keras' TimeDistributed(Dense)): keeps the time axis and passes the mask on; pad positions output zero.</summary>
public sealed class TimeDistributedDense : nn.Module<MaskedSequence, MaskedSequence>
{
    private readonly Linear dense;

    public TimeDistributedDense(int inputSize, int outputSize) : base(nameof(TimeDistributedDense))
    {
        if (inputSize < 1 || outputSize < 1)
            throw new ArgumentOutOfRangeException(nameof(outputSize), $"inputSize and outputSize must be positive; got {inputSize} and {outputSize}.");
        dense = nn.Linear(inputSize, outputSize);
        RegisterComponents();
    }

    public override MaskedSequence forward(MaskedSequence input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        // Zeroed before the layer (a non-finite pad would reach the weight gradient) and after it (the bias).
        var output = MaskedSequence.ZeroAtPads(dense.forward(input.ZeroedValues()), input.Mask);
        return new MaskedSequence(output.MoveToOuterDisposeScope(), input.Mask);
    }
}
