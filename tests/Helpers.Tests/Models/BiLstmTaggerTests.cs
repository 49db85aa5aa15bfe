using NotebookCourse.Helpers.Models;
using NotebookCourse.Helpers.Tagging;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Models;

[Collection(ProcessEnvironmentCollection.Name)]
public class BiLstmTaggerTests
{
    // Two sentences, post-padded to 6 and pre-padded to 6: [5 3 9] and [7 2 4 8].
    static Tensor Post() => tensor(new long[] { 5, 3, 9, 0, 0, 0, 7, 2, 4, 8, 0, 0 }, [2, 6]);
    static Tensor Pre() => tensor(new long[] { 0, 0, 0, 5, 3, 9, 0, 0, 7, 2, 4, 8 }, [2, 6]);

    [Fact]
    public void The_masked_tagger_gives_one_logit_per_position_zero_at_pads_and_the_same_for_either_padding_side()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var tagger = new BiLstmTagger(vocabularySize: 10, embeddingDim: 4, hiddenSize: 3);
        tagger.eval();
        var post = tagger.forward(Post());
        var pre = tagger.forward(Pre());

        Assert.Equal([2L, 6], post.shape);
        Assert.Equal(0f, post[Post().eq(0)].abs().sum().item<float>());
        Assert.Equal(0f, pre[Pre().eq(0)].abs().sum().item<float>());
        Assert.True((post[Post().ne(0)] - pre[Pre().ne(0)]).abs().max().item<float>() < 1e-6f, "the masked tagger's token logits depend on the padding side");
    }

    [Fact]
    public void The_unmasked_tagger_reads_pads_so_its_token_logits_depend_on_the_padding_side()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var tagger = new BiLstmTagger(10, 4, 3, masked: false);
        tagger.eval();
        var difference = (tagger.forward(Post())[Post().ne(0)] - tagger.forward(Pre())[Pre().ne(0)]).abs().max().item<float>();
        Assert.True(difference > 1e-4f, $"expected the unmasked tagger to change with the padding side; largest change {difference}");
    }

    [Fact]
    public void Training_on_real_tokens_leaves_the_pad_row_at_zero_with_no_gradient()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        var tagger = new BiLstmTagger(10, 4, 3);
        var targets = tensor(new long[] { 1, 0, 0, TokenLabels.Pad, TokenLabels.Pad, TokenLabels.Pad, 0, 1, 0, 0, TokenLabels.Pad, TokenLabels.Pad }, [2, 6]);
        TokenBinaryCrossEntropy.OverRealTokens(tagger.forward(Post()), targets).backward();
        var embedding = tagger.named_parameters().Single(p => p.name.EndsWith("weight") && p.parameter.shape[0] == 10).parameter;
        Assert.Equal(0f, embedding[0].abs().sum().item<float>());
        Assert.Equal(0f, embedding.grad![0].abs().sum().item<float>());
        Assert.True(embedding.grad![5].abs().sum().item<float>() > 0, "the row of a word in the batch got no gradient");
    }
}
