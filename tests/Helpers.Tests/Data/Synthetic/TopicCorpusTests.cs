using NotebookCourse.Helpers.Data.Synthetic;

namespace NotebookCourse.Helpers.Tests.Data.Synthetic;

public class TopicCorpusTests
{
    static readonly TopicCorpusOptions Options = new() { Documents = 4000, Seed = 9 };

    [Fact]
    public void The_same_seed_gives_the_same_corpus_and_another_seed_another()
    {
        var first = TopicCorpus.Generate(Options with { Documents = 200 });
        var second = TopicCorpus.Generate(Options with { Documents = 200 });
        var other = TopicCorpus.Generate(Options with { Documents = 200, Seed = 10 });
        Assert.Equal(first.Texts, second.Texts);
        Assert.Equal(first.Labels, second.Labels);
        Assert.NotEqual(first.Texts, other.Texts);
    }

    [Fact]
    public void Lengths_are_long_tailed_around_the_median_and_independent_of_the_class()
    {
        var corpus = TopicCorpus.Generate(Options);
        var lengths = corpus.Texts.Select(t => t.Split(' ').Length).Order().ToArray();
        double median = lengths[lengths.Length / 2], p90 = lengths[lengths.Length * 9 / 10];
        Assert.InRange(median, 40 * 0.93, 40 * 1.07);
        // Log-normal with spread 1: the 90th percentile is exp(1.2816) = 3.6 times the median.
        Assert.InRange(p90 / median, 3.2, 4.0);
        Assert.True(lengths[0] >= 3 && lengths[^1] <= 2000);
        // Padded to the 95th percentile, most positions are pads.
        int padTo = lengths[lengths.Length * 95 / 100];
        double padShare = 1 - lengths.Sum(l => (double)Math.Min(l, padTo)) / (padTo * (double)lengths.Length);
        Assert.True(padShare > 0.6, $"pad share {padShare:P1} at length {padTo}");
        var meanByClass = corpus.Labels.Zip(corpus.Texts).GroupBy(p => p.First).Select(g => g.Average(p => p.Second.Split(' ').Length)).ToArray();
        Assert.Equal(5, meanByClass.Length);
        Assert.True(meanByClass.Max() / meanByClass.Min() < 1.15, string.Join(", ", meanByClass));
    }

    [Fact]
    public void Background_words_follow_a_zipf_law_and_topic_words_identify_the_class()
    {
        var corpus = TopicCorpus.Generate(Options);
        var counts = corpus.Texts.SelectMany(t => t.Split(' ')).GroupBy(w => w).Select(g => g.Count()).OrderDescending().ToArray();
        // Zipf with exponent 1.1 over the background: rank 1 is about 2^1.1 = 2.1 times rank 2, 10^1.1 = 12.6 times rank 10.
        Assert.InRange((double)counts[0] / counts[1], 1.8, 2.5);
        Assert.InRange((double)counts[0] / counts[9], 9, 17);
        // The first topic word of class c occurs in class c documents only.
        string topicWord = TopicCorpus.WordFor(5000 / 10);
        var classes = corpus.Texts.Select((t, i) => (t, i)).Where(p => p.t.Split(' ').Contains(topicWord)).Select(p => corpus.Labels[p.i]).Distinct();
        Assert.Equal([0], classes);
    }

    [Fact]
    public void Words_are_unique_per_index_and_options_are_validated()
    {
        Assert.Equal(5000, Enumerable.Range(0, 5000).Select(TopicCorpus.WordFor).Distinct().Count());
        Assert.Contains("TopicShare must be in (0, 1), got 1", Assert.Throws<ArgumentOutOfRangeException>(() => TopicCorpus.Generate(Options with { TopicShare = 1 })).Message);
        Assert.Contains("VocabularySize >= Classes * TopicWordsPerClass + 10", Assert.Throws<ArgumentOutOfRangeException>(() => TopicCorpus.Generate(Options with { VocabularySize = 100 })).Message);
    }
}
