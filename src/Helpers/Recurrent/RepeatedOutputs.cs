using NotebookCourse.Helpers.Validation;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Recurrent;

/// <summary>
/// What a Keras RNN with <c>return_sequences=True</c> outputs at masked steps: the state is carried over, so each masked
/// step repeats the output of the last real step before it (zeros before the first real step). An attention layer that
/// ignores the mask sees the last real token once per trailing pad.
/// </summary>
public static class RepeatedOutputs
{
    /// <param name="outputs">(batch, time, features), any values at pads.</param>
    /// <param name="mask">(batch, time) bool, true at real tokens.</param>
    public static Tensor RepeatLastReal(Tensor outputs, Tensor mask)
    {
        TensorChecks.Rank(outputs, 3, nameof(outputs), "outputs (batch, time, features)");
        TensorChecks.Rank(mask, 2, nameof(mask), "mask (batch, time)");
        TensorChecks.Dtype(mask, ScalarType.Bool, nameof(mask));
        if (outputs.shape[0] != mask.shape[0] || outputs.shape[1] != mask.shape[1])
            throw new ArgumentException($"outputs (batch, time, features) and mask (batch, time) disagree: {TensorChecks.Shape(outputs)} and {TensorChecks.Shape(mask)}.", nameof(mask));
        using var scope = NewDisposeScope();
        long time = mask.shape[1];
        var positions = arange(time, device: mask.device).unsqueeze(0).expand_as(mask);
        // The last real position at or before each step; -1 before the first real one.
        var source = where(mask, positions, full_like(positions, -1)).cummax(1).values;
        var gathered = outputs.gather(1, source.clamp_min(0).unsqueeze(-1).expand_as(outputs));
        return where(source.ge(0).unsqueeze(-1), gathered, zeros_like(gathered)).MoveToOuterDisposeScope();
    }
}
