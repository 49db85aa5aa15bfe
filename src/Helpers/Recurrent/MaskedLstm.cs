using NotebookCourse.Helpers.Masking;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Recurrent;

/// <summary>
/// An LSTM (optionally bidirectional) that runs over each row's real tokens only. The tokens are moved to the
/// front of their row, packed by length, run, and the outputs put back at the tokens' original positions, so
/// pre- and post-padded input give the same result. Without packing an LSTM reads pads as if they were tokens.
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
        // Real tokens first, in order: sort positions by (is pad, position).
        var positions = arange(time, device: input.Values.device).unsqueeze(0).expand(batch, time);
        var order = (input.Mask.logical_not().to(ScalarType.Int64) * time + positions).argsort(dim: 1);
        // Pads are zeroed first: an all-pad row still runs one step (below), and it must not read a non-finite pad.
        var compacted = input.ZeroedValues().gather(1, order.unsqueeze(-1).expand(-1, -1, input.Dim));

        // Packing needs at least one step per row; an all-pad row runs one step over a pad and is zeroed below.
        var hasTokens = lengths.gt(0);
        var packedLengths = lengths.clamp_min(1).cpu();
        var packed = nn.utils.rnn.pack_padded_sequence(compacted, packedLengths, batch_first: true, enforce_sorted: false);
        var (packedOutput, hidden, _) = lstm.call(packed);
        var (unpacked, _) = nn.utils.rnn.pad_packed_sequence(packedOutput, batch_first: true, total_length: time);

        var restored = zeros_like(unpacked).scatter(1, order.unsqueeze(-1).expand(-1, -1, unpacked.shape[2]), unpacked);
        var outputs = MaskedSequence.ZeroAtPads(restored, input.Mask);
        // hidden: (directions, batch, hidden) -> (batch, directions * hidden), in the input's row order.
        var final = MaskedSequence.ZeroAtPads(hidden.permute(1, 0, 2).reshape(batch, -1), hasTokens);
        return new MaskedLstmOutput(new MaskedSequence(outputs.MoveToOuterDisposeScope(), input.Mask), final.MoveToOuterDisposeScope());
    }

    /// <summary>The same LSTM over every position, pads included, as an unmasked model would run it.</summary>
    public (Tensor Outputs, Tensor FinalHidden) ForwardIgnoringMask(Tensor values)
    {
        using var scope = NewDisposeScope();
        var (outputs, hidden, _) = lstm.call(values);
        return (outputs.MoveToOuterDisposeScope(), hidden.permute(1, 0, 2).reshape(values.shape[0], -1).MoveToOuterDisposeScope());
    }
}
