using NotebookCourse.Helpers.Padding;

namespace NotebookCourse.Helpers.Tests.Padding;

public class SequencePaddingTests
{
    static readonly int[][] Sequences = [[1, 2, 3], [4, 5], [6]];

    [Fact]
    public void Defaults_are_keras_pre_padding_to_the_longest()
    {
        Assert.Equal([[1, 2, 3], [0, 4, 5], [0, 0, 6]], SequencePadding.Pad(Sequences));
    }

    [Fact]
    public void Post_padding_puts_pads_after_the_tokens()
    {
        Assert.Equal([[1, 2, 3], [4, 5, 0], [6, 0, 0]], SequencePadding.Pad(Sequences, padding: PaddingSide.Post));
    }

    [Theory]
    [InlineData(TruncatingSide.Pre, PaddingSide.Pre, new[] { 2, 3, 4, 5, 0, 6 })]
    [InlineData(TruncatingSide.Post, PaddingSide.Pre, new[] { 1, 2, 4, 5, 0, 6 })]
    [InlineData(TruncatingSide.Pre, PaddingSide.Post, new[] { 2, 3, 4, 5, 6, 0 })]
    [InlineData(TruncatingSide.Post, PaddingSide.Post, new[] { 1, 2, 4, 5, 6, 0 })]
    public void Truncation_cuts_the_chosen_end_and_padding_fills_the_chosen_side(TruncatingSide truncating, PaddingSide padding, int[] expected)
    {
        Assert.Equal(expected, SequencePadding.Pad(Sequences, maxLength: 2, padding, truncating).SelectMany(r => r));
    }

    [Fact]
    public void Empty_sequences_become_all_pads_and_the_pad_value_is_an_option()
    {
        Assert.Equal([[-1], [7]], SequencePadding.Pad([[], [7]], value: -1));
        Assert.Equal([[-1, -1], [7, -1]], SequencePadding.Pad([[], [7]], maxLength: 2, padding: PaddingSide.Post, value: -1));
        Assert.Equal([[0, 0, 0]], SequencePadding.Pad([[]], maxLength: 3));
    }

    [Fact]
    public void Bad_lengths_are_errors_that_say_what_to_pass()
    {
        Assert.Contains("maxLength must be at least 1 (or null for the longest sequence), got 0", Assert.Throws<ArgumentOutOfRangeException>(() => SequencePadding.Pad(Sequences, maxLength: 0)).Message);
        Assert.Contains("Every sequence is empty and no maxLength was given", Assert.Throws<ArgumentException>(() => SequencePadding.Pad([[], []])).Message);
        Assert.Contains("must not contain null", Assert.Throws<ArgumentException>(() => SequencePadding.Pad([[1], null!])).Message);
    }

    [Fact]
    public void The_tensor_form_is_int64_batch_by_length()
    {
        using var ids = SequencePadding.PadToTensor(Sequences, maxLength: 4);
        Assert.Equal(TorchSharp.torch.ScalarType.Int64, ids.dtype);
        Assert.Equal([3L, 4], ids.shape);
        Assert.Equal([0L, 1, 2, 3, 0, 0, 4, 5, 0, 0, 0, 6], ids.data<long>().ToArray());
    }
}
