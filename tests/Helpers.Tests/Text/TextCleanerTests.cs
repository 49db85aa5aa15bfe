using NotebookCourse.Helpers.Data;
using NotebookCourse.Helpers.Padding;
using NotebookCourse.Helpers.Text;

namespace NotebookCourse.Helpers.Tests.Text;

public class TextCleanerTests
{
    [Fact]
    public void Cleaning_lowercases_and_drops_punctuation_digits_and_stop_words()
    {
        Assert.Equal("hello world times cat hat", new TextCleaner().Clean("Hello, World! 42 times: the CAT in a hat."));
        Assert.Equal("re windows x", new TextCleaner { StopWords = null }.Clean("Re: Windows 3.1 x"));
        Assert.Equal("Re Windows", new TextCleaner { Lowercase = false, StopWords = null }.Clean("Re: Windows 3.1"));
    }

    [Fact]
    public void Padded_text_data_splits_with_a_seed_and_fits_the_vocabulary_on_training_documents_only()
    {
        var texts = new LabelledTexts(["alpha beta", "beta gamma", "gamma delta", "delta alpha", "only-in-one", "alpha alpha"], [0, 1, 0, 1, 0, 1], ["a", "b"]);
        var data = PaddedTextData.Build(texts, new WordTokenizer { Filters = "" }, maxWords: null, maxLength: 3, PaddingSide.Pre, TruncatingSide.Pre, validationShare: 1.0 / 3, seed: 4);
        var again = PaddedTextData.Build(texts, new WordTokenizer { Filters = "" }, maxWords: null, maxLength: 3, PaddingSide.Pre, TruncatingSide.Pre, validationShare: 1.0 / 3, seed: 4);

        Assert.Equal((4L, 2L), (data.Train.Count, data.Validation.Count));
        Assert.Equal([4L, 3], data.Train.Inputs.shape);
        Assert.Equal(data.Validation.Inputs.data<long>().ToArray(), again.Validation.Inputs.data<long>().ToArray());
        // Every training word is in the vocabulary; the vocabulary holds no word seen only in validation.
        int trainWords = data.Vocabulary.WordIndex.Count;
        Assert.True(data.Train.Inputs.max().item<long>() == trainWords);
        Assert.True(data.PadShare > 0.3);
    }
}
