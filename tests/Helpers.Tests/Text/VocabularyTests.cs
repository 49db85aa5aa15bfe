using NotebookCourse.Helpers.Text;

namespace NotebookCourse.Helpers.Tests.Text;

public class VocabularyTests
{
    static readonly List<string[]> Sentences = new WordTokenizer().TokenizeAll(["hope to see you soon", "nice to see you again"]);

    [Fact]
    public void Ids_follow_descending_frequency_with_ties_in_first_seen_order_and_zero_reserved()
    {
        var vocabulary = Vocabulary.Fit(Sentences);

        // to, see, you occur twice; the rest once, in the order they first appear.
        Assert.Equal(new Dictionary<string, int> { ["to"] = 1, ["see"] = 2, ["you"] = 3, ["hope"] = 4, ["soon"] = 5, ["nice"] = 6, ["again"] = 7 }, vocabulary.WordIndex);
        Assert.Equal(8, vocabulary.Size);
        Assert.Equal(["<pad>", "to", "see", "you", "hope", "soon", "nice", "again"], vocabulary.Labels);
        Assert.Equal([6, 1, 2, 3, 7], vocabulary.Encode(Sentences[1]));
    }

    [Fact]
    public void The_oov_token_takes_id_1_and_replaces_unknown_words()
    {
        var vocabulary = Vocabulary.Fit(Sentences, oovToken: "<oov>");

        Assert.Equal(1, vocabulary.WordIndex["<oov>"]);
        Assert.Equal(2, vocabulary.WordIndex["to"]);
        Assert.Equal([5, 2, 3, 4, 1], vocabulary.Encode(["hope", "to", "see", "you", "later"]));
        Assert.Equal(["hope", "to", "see", "you", "<oov>"], vocabulary.Decode([5, 2, 3, 4, 1]));
    }

    [Fact]
    public void An_oov_token_that_occurs_in_the_texts_gets_the_ids_keras_gives()
    {
        // Keras counts it like any word: sorted_voc = [oov, a, oov, b, c], and the later id of oov wins.
        var vocabulary = Vocabulary.Fit([["a", "b", "<oov>"], ["a", "<oov>", "c"]], oovToken: "<oov>");

        Assert.Equal(new Dictionary<string, int> { ["<oov>"] = 3, ["a"] = 2, ["b"] = 4, ["c"] = 5 }, vocabulary.WordIndex);
        Assert.Equal(3, vocabulary.OovId);
        Assert.Equal([2, 3, 3], vocabulary.Encode(["a", "unseen", "<oov>"]));
        Assert.Equal(6, vocabulary.Size);
    }

    [Fact]
    public void Encoding_many_documents_encodes_each_in_order()
    {
        var vocabulary = Vocabulary.Fit(Sentences);
        var encoded = vocabulary.EncodeAll([Sentences[1], [], ["you", "unknown", "to"]]);
        Assert.Equal(3, encoded.Count);
        Assert.Equal([6, 1, 2, 3, 7], encoded[0]);
        Assert.Empty(encoded[1]);
        Assert.Equal([3, 1], encoded[2]);
    }

    [Fact]
    public void Without_an_oov_token_unknown_words_are_dropped()
    {
        Assert.Equal([1, 2], Vocabulary.Fit(Sentences).Encode(["to", "see", "them"]));
    }

    [Fact]
    public void Max_words_keeps_only_ids_below_the_cap()
    {
        // Keras num_words=4: ids 1..3 survive.
        var capped = Vocabulary.Fit(Sentences, maxWords: 4);
        Assert.Equal([1, 2, 3], capped.Encode(Sentences[0]));
        Assert.Equal(4, capped.Size);
        Assert.Equal(7, capped.WordIndex.Count);

        var cappedWithOov = Vocabulary.Fit(Sentences, maxWords: 4, oovToken: "<oov>");
        Assert.Equal([1, 2, 3, 1, 1], cappedWithOov.Encode(Sentences[0]));
    }

    [Fact]
    public void Decoding_round_trips_and_drops_pads()
    {
        var vocabulary = Vocabulary.Fit(Sentences);
        Assert.Equal(Sentences[0], vocabulary.Decode(vocabulary.Encode(Sentences[0])));
        Assert.Equal(["to", "you"], vocabulary.Decode([0, 0, 1, 3]));
    }

    [Fact]
    public void Bad_ids_and_arguments_are_named()
    {
        var vocabulary = Vocabulary.Fit(Sentences);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => vocabulary.Decode([8]));
        Assert.Contains("Id 8 is outside this vocabulary (valid ids 1 to 7; 0 is the pad)", error.Message);
        Assert.Contains("maxWords must be at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Fit(Sentences, maxWords: 0)).Message);
        Assert.Contains("oovToken must be a non-empty word", Assert.Throws<ArgumentException>(() => Vocabulary.Fit(Sentences, oovToken: "")).Message);
    }
}
