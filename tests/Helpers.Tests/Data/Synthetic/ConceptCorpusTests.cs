using NotebookCourse.Helpers.Data.Synthetic;
using NotebookCourse.Helpers.Text;

namespace NotebookCourse.Helpers.Tests.Data.Synthetic;

public class ConceptCorpusTests
{
    static readonly ConceptCorpusOptions Small = new() { UnlabelledDocuments = 300, LabelledDocuments = 200, Seed = 3 };

    [Fact]
    public void The_same_seed_gives_the_same_corpus_and_another_seed_another()
    {
        var a = ConceptCorpus.Generate(Small);
        var b = ConceptCorpus.Generate(Small);
        var c = ConceptCorpus.Generate(Small with { Seed = 4 });
        Assert.Equal(a.Unlabelled, b.Unlabelled);
        Assert.Equal(a.Labelled.Texts, b.Labelled.Texts);
        Assert.Equal(a.Labelled.Labels, b.Labelled.Labels);
        Assert.NotEqual(a.Labelled.Texts, c.Labelled.Texts);
    }

    [Fact]
    public void Names_occur_only_in_the_labelled_texts_and_the_unlabelled_text_is_lowercase()
    {
        var corpus = ConceptCorpus.Generate(Small);
        var tokenizer = new WordTokenizer { Lowercase = false };
        var unlabelledWords = corpus.Unlabelled.SelectMany(tokenizer.Tokenize).ToHashSet();
        var labelledWords = corpus.Labelled.Texts.SelectMany(tokenizer.Tokenize).ToHashSet();
        Assert.All(unlabelledWords, w => Assert.Equal(w.ToLowerInvariant(), w));
        Assert.DoesNotContain(corpus.Names, unlabelledWords.Contains);
        Assert.Contains(corpus.Names, labelledWords.Contains);
        // Sentences start with a capital: a concept word also appears capitalised.
        Assert.Contains(labelledWords, w => char.IsUpper(w[0]) && corpus.ConceptOfWord.ContainsKey(w.ToLowerInvariant()));
    }

    [Fact]
    public void A_labelled_document_holds_more_words_of_its_own_concept_than_of_any_other()
    {
        var corpus = ConceptCorpus.Generate(Small);
        var tokenizer = new WordTokenizer();
        int agree = 0;
        for (int d = 0; d < corpus.Labelled.Texts.Count; d++)
        {
            var perConcept = tokenizer.Tokenize(corpus.Labelled.Texts[d]).Where(corpus.ConceptOfWord.ContainsKey)
                .GroupBy(w => corpus.ConceptOfWord[w]).ToDictionary(g => g.Key, g => g.Count());
            if (perConcept.Count > 0 && perConcept.MaxBy(p => p.Value).Key == corpus.Labelled.Labels[d])
                agree++;
        }
        // A very short document can hold no concept word, or a tie.
        Assert.True(agree >= 0.95 * corpus.Labelled.Texts.Count, $"{agree} of {corpus.Labelled.Texts.Count}");
    }

    [Fact]
    public void Bad_options_are_refused_with_their_names()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ConceptCorpus.Generate(Small with { ConceptShare = 0.99, NameShare = 0.05 }));
        Assert.Contains("ConceptShare", e.Message);
    }
}
