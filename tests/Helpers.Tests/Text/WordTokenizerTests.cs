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
}
