using NotebookCourse.Helpers.Text;

namespace NotebookCourse.Helpers.Tests.Text;

public class WordTokenizerTests
{
    [Fact]
    public void Default_splits_like_keras_text_to_word_sequence()
    {
        // Keras: lowercase, the filter characters become spaces, the apostrophe stays.
        Assert.Equal(["hello", "world", "it's", "a", "test", "of", "2", "tabs"], new WordTokenizer().Tokenize("Hello, World!  It's a TEST\tof 2-tabs."));
    }

    [Fact]
    public void Lowercasing_and_punctuation_handling_are_options()
    {
        var keepCase = new WordTokenizer { Lowercase = false };
        Assert.Equal(["Hello", "World"], keepCase.Tokenize("Hello, World!"));
        var keepPunctuation = new WordTokenizer { Filters = "" };
        Assert.Equal(["hello,", "world!"], keepPunctuation.Tokenize("Hello, World!"));
    }

    [Fact]
    public void Empty_and_separator_only_text_gives_no_words()
    {
        Assert.Empty(new WordTokenizer().Tokenize(""));
        Assert.Empty(new WordTokenizer().Tokenize(" ,.; "));
    }

    // Expected values are what Python 3's str.lower() and Keras' text_to_word_sequence give.
    [Theory]
    [InlineData("ΟΔΟΣ οδος", "οδος οδος")]        // capital sigma at a word's end is final sigma
    [InlineData("ΣΑΣ. Σ", "σας. σ")]              // a lone sigma has no cased letter before it: not final
    [InlineData("Ο'Σ", "ο'ς")]                    // the apostrophe is case-ignorable
    [InlineData("İstanbul", "i\u0307stanbul")]    // U+0130 lowercases to i + combining dot above
    public void Lowercasing_matches_python_str_lower(string text, string expected)
    {
        Assert.Equal(expected, PythonLowercase.Lower(text));
    }

    [Fact]
    public void Words_keras_counts_as_one_stay_one()
    {
        var words = new WordTokenizer().Tokenize("ΟΔΟΣ οδος");
        Assert.Equal(["οδος", "οδος"], words);
        Assert.Single(words.Distinct());
    }

    [Fact]
    public void Filters_outside_the_basic_plane_are_matched_per_code_point()
    {
        // Python: 'I ❤️ NLP 😀, ok'.lower().translate({😀: ' ', ',': ' '}).split(' ') without empties.
        var tokenizer = new WordTokenizer { Filters = "😀," };
        string[] words = tokenizer.Tokenize("I ❤️ NLP 😀, ok");
        Assert.Equal(["i", "❤️", "nlp", "ok"], words);
        Assert.All(words, w => Assert.DoesNotContain(w, c => char.IsSurrogate(c) && !w.EnumerateRunes().Any(r => r.Utf16SequenceLength == 2)));
        // A filter that shares a surrogate with a kept emoji must not split it: 😃 (U+1F603) and 😀 share the high surrogate.
        Assert.Equal(["a😃b"], tokenizer.Tokenize("a😃b"));
    }
}
