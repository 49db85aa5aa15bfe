using NotebookCourse.Helpers.Masking;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Recurrent;

/// <summary>
/// Per-step outputs aligned with the input positions (zero at pads; (batch, time, directions * hidden)) and the
/// final hidden state (batch, directions * hidden): the forward direction after each row's last real token, the
/// backward direction after its first.
/// </summary>
public sealed record MaskedLstmOutput(MaskedSequence Outputs, Tensor FinalHidden);
