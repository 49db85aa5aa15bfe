using NotebookCourse.Helpers.Masking;
using NotebookCourse.Helpers.Padding;
using NotebookCourse.Helpers.Recurrent;
using NotebookCourse.Helpers.Tests.Masking;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Recurrent;

[Collection(ProcessEnvironmentCollection.Name)]
public class MaskedLstmTests
{
    /// <summary>
    /// The reference: the same LSTM over each row's tokens alone, with no padding at all. For a bidirectional LSTM the
    /// final state is the forward direction's after the last token and the reverse direction's after the first.
    /// </summary>
    [Theory]
    [InlineData(1, false, PaddingSide.Pre)]
    [InlineData(2, true, PaddingSide.Pre)]
    [InlineData(3, true, PaddingSide.Post)]
    [InlineData(4, false, PaddingSide.Post)]
    public void Outputs_gradients_and_final_states_match_the_lstm_run_on_each_row_alone(int seed, bool bidirectional, PaddingSide side)
    {
        var batches = new PaddedBatches(seed, batch: 5, maxTokens: 7, dim: 3, includeEmptyRow: true);
        manual_seed(seed);
        var lstm = new MaskedLstm(3, 4, bidirectional);
        var padded = batches.Padded(batches.Longest + 4, side, padValue: 5f);
        var values = padded.Values.detach().requires_grad_(true);
        var output = lstm.forward(new MaskedSequence(values, padded.Mask));
        output.Outputs.Values.pow(2).sum().backward();
        var grad = values.grad!.clone();
        var weightGrads = lstm.parameters().Select(p => p.grad!.clone()).ToList();

        lstm.zero_grad();
        var lengths = batches.Lengths.ToArray();
        for (int row = 0; row < lengths.Length; row++)
        {
            var tokens = values.detach()[row][padded.Mask[row]];
            if (lengths[row] == 0)
            {
                Assert.Equal(0f, output.FinalHidden[row].abs().sum().item<float>());
                continue;
            }
            var alone = tokens.unsqueeze(0).requires_grad_(true);
            var (reference, _) = lstm.ForwardIgnoringMask(alone);
            reference.pow(2).sum().backward();
            Assert.True((output.Outputs.Values[row][padded.Mask[row]] - reference[0]).abs().max().item<float>() < 1e-6, $"row {row}: outputs differ");
            Assert.True((grad[row][padded.Mask[row]] - alone.grad![0]).abs().max().item<float>() < 1e-6, $"row {row}: input gradients differ");
            var expectedFinal = bidirectional
                ? cat([reference[0, lengths[row] - 1].narrow(0, 0, 4), reference[0, 0].narrow(0, 4, 4)], 0)
                : reference[0, lengths[row] - 1];
            Assert.True((output.FinalHidden[row] - expectedFinal).abs().max().item<float>() < 1e-6, $"row {row}: final state differs");
        }
        // The weights' gradient is the sum of the rows' gradients.
        foreach (var (batched, summed) in weightGrads.Zip(lstm.parameters().Select(p => p.grad!)))
            Assert.True((batched - summed).abs().max().item<float>() < 1e-5);
    }
}
