using NotebookCourse.Helpers.Data.Synthetic;
using NotebookCourse.Helpers.Pretrained;
using NotebookCourse.Helpers.Text;

namespace NotebookCourse.Helpers.Tests.Pretrained;

[Collection(ProcessEnvironmentCollection.Name)]
public class SkipGramTrainingTests
{
    static (ConceptCorpus Corpus, List<IReadOnlyList<string>> Documents) Corpus()
    {
        var corpus = ConceptCorpus.Generate(new ConceptCorpusOptions { Classes = 3, WordsPerClass = 20, BackgroundWords = 200, UnlabelledDocuments = 1500, LabelledDocuments = 10, Seed = 5 });
        var tokenizer = new WordTokenizer();
        return (corpus, corpus.Unlabelled.Select(t => (IReadOnlyList<string>)tokenizer.Tokenize(t)).ToList());
    }

    static readonly SkipGramOptions Options = new() { Dimension = 16, Epochs = 2, BatchSize = 256, Seed = 9 };

    [Fact]
    public void Words_of_one_concept_become_each_others_nearest_neighbours()
    {
        var (corpus, documents) = Corpus();
        var vectors = SkipGramTraining.Train(documents, Options);
        double share = VectorNeighbours.SameGroupShare(vectors, corpus.ConceptOfWord, 5);
        // Chance is about 20 of 260 words, 8 %.
        Assert.True(share > 0.8, $"{share:P0} of neighbours share the concept");
    }

    [Fact]
    public void The_same_seed_gives_identical_vectors_listed_by_frequency()
    {
        var (_, documents) = Corpus();
        var a = SkipGramTraining.Train(documents, Options);
        var b = SkipGramTraining.Train(documents, Options);
        Assert.Equal(a.Words, b.Words);
        Assert.True(Enumerable.Range(0, a.Count).All(r => a.Row(r).SequenceEqual(b.Row(r))));
        var counts = documents.SelectMany(d => d).GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(a.Words.Zip(a.Words.Skip(1)).All(p => counts[p.First] >= counts[p.Second]));
        Assert.DoesNotContain(a.Words, w => counts[w] < Options.MinCount);
    }

    [Fact]
    public void Too_little_text_and_bad_options_are_refused_clearly()
    {
        var e = Assert.Throws<ArgumentException>(() => SkipGramTraining.Train([["a", "b"]], Options));
        Assert.Contains("MinCount", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => SkipGramTraining.Train([["a", "b"]], Options with { Window = 0 }));
    }
}
