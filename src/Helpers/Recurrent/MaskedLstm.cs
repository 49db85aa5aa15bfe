using NotebookCourse.Helpers.Masking;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Recurrent;

/// <summary>
/// An LSTM (optionally bidirectional) that runs over each row's real tokens only, as a packed sequence does: the
/// tokens are moved to the front of their row for the forward direction (and to the back for the reverse one, in a
/// second run of the same layer), the LSTM runs over the longest row's tokens, and the outputs go back to the tokens'
/// original positions. Pre- and post-padded input, and any amount of padding, give the same result. Without this an
/// LSTM reads pads as if they were tokens. (PyTorch's pack_padded_sequence gives the same outputs; on the CPU it was
/// about three times slower here: docs/results/performance.md.)
/// </summary>
public sealed class MaskedLstm : nn.Module<MaskedSequence, MaskedLstmOutput>
{
    private readonly LSTM lstm;

    public MaskedLstm(int inputSize, int hiddenSize, bool bidirectional = false) : base(nameof(MaskedLstm))
    {
        if (inputSize < 1 || hiddenSize < 1)
            throw new ArgumentOutOfRangeException(nameof(hiddenSize), $"inputSize and hiddenSize must be positive; got {inputSize} and {hiddenSize}.");
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        Bidirectional = bidirectional;
        lstm = nn.LSTM(inputSize, hiddenSize, batchFirst: true, bidirectional: bidirectional);
        RegisterComponents();
    }

    public int InputSize { get; }
    public int HiddenSize { get; }
    public bool Bidirectional { get; }
    public int OutputSize => Bidirectional ? 2 * HiddenSize : HiddenSize;

    public override MaskedLstmOutput forward(MaskedSequence input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Dim != InputSize)
            throw new ArgumentException($"input values must have {InputSize} features, got shape ({input.Batch}, {input.Time}, {input.Dim}).", nameof(input));
        using var scope = NewDisposeScope();
        long batch = input.Batch, time = input.Time;
        var lengths = input.Lengths;
        // Pads are zeroed first: whatever a pad holds (even inf or NaN) never enters the LSTM.
        var values = input.ZeroedValues();
        var positions = arange(time, device: values.device).unsqueeze(0).expand(batch, time);
        var padKey = input.Mask.logical_not().to(ScalarType.Int64) * time;
        // Real tokens first, in order (left-aligned): the forward direction reads each row's tokens from its first.
        var leftOrder = (padKey + positions).argsort(dim: 1);
        // The LSTM runs over the longest row's tokens only, so the amount of padding cannot change what it computes.
        long steps = Math.Max(1, lengths.max().item<long>());
        var left = Gather(values, leftOrder).narrow(1, 0, steps);
        var (leftOutputs, _, _) = lstm.call(left);
        var forwardOutputs = leftOutputs.narrow(2, 0, HiddenSize);
        var lastReal = (lengths - 1).clamp_min(0);
        var outputs = forwardOutputs;
        var final = forwardOutputs.gather(1, lastReal.view(-1, 1, 1).expand(-1, 1, HiddenSize)).squeeze(1);
        if (Bidirectional)
        {
            // Tokens last (right-aligned): the reverse direction starts at each row's last token and ends at its first,
            // never reading a pad. The same layer, run a second time; each run keeps only its correct direction.
            var rightOrder = (time - padKey + positions).argsort(dim: 1);
            var right = Gather(values, rightOrder).narrow(1, time - steps, steps);
            var (rightOutputs, _, _) = lstm.call(right);
            var reverse = rightOutputs.narrow(2, HiddenSize, HiddenSize);
            // Token j of a row of length n sits at steps - n + j in the right-aligned run.
            var shift = (steps - lengths).unsqueeze(1);
            var index = (arange(steps, device: values.device).unsqueeze(0) + shift).clamp_max(steps - 1);
            var reverseLeft = reverse.gather(1, index.unsqueeze(-1).expand(-1, -1, HiddenSize));
            outputs = cat([forwardOutputs, reverseLeft], 2);
            // The reverse direction's final state is its output at the row's first token.
            final = cat([final, reverseLeft.narrow(1, 0, 1).squeeze(1)], 1);
        }
        var full = steps == time ? outputs : cat([outputs, zeros(batch, time - steps, outputs.shape[2], dtype: outputs.dtype, device: outputs.device)], 1);
        var restored = zeros_like(full).scatter(1, leftOrder.unsqueeze(-1).expand(-1, -1, full.shape[2]), full);
        var result = MaskedSequence.ZeroAtPads(restored, input.Mask);
        var finalHidden = MaskedSequence.ZeroAtPads(final, lengths.gt(0));
        return new MaskedLstmOutput(new MaskedSequence(result.MoveToOuterDisposeScope(), input.Mask), finalHidden.MoveToOuterDisposeScope());
    }

    static Tensor Gather(Tensor values, Tensor order) => values.gather(1, order.unsqueeze(-1).expand(-1, -1, values.shape[2]));

    /// <summary>The same LSTM over every position, pads included, as an unmasked model would run it.</summary>
    public (Tensor Outputs, Tensor FinalHidden) ForwardIgnoringMask(Tensor values)
    {
        using var scope = NewDisposeScope();
        var (outputs, hidden, _) = lstm.call(values);
        return (outputs.MoveToOuterDisposeScope(), hidden.permute(1, 0, 2).reshape(values.shape[0], -1).MoveToOuterDisposeScope());
    }
}
