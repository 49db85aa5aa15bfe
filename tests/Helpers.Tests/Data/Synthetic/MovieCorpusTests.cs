using NotebookCourse.Helpers.Data;
using NotebookCourse.Helpers.Data.Synthetic;
using NotebookCourse.Helpers.MultiLabel;

namespace NotebookCourse.Helpers.Tests.Data.Synthetic;

public class MovieCorpusTests
{
    [Fact]
    public void Every_plot_holds_its_genres_signal_words_and_no_other_genres()
    {
        var corpus = MovieCorpus.Generate(new MovieCorpusOptions { Movies = 400, Seed = 3 });
        var data = corpus.Data;
        Assert.Equal(["title", "plot", "keywords", "cast"], data.FieldNames);
        Assert.Equal(400, data.Examples.Count);
        int plot = data.Field(MovieCorpus.PlotField);
        foreach (var movie in data.Examples)
        {
            Assert.InRange(movie.Labels.Count, 1, 3);
            Assert.Equal(movie.Labels.Count, movie.Labels.Distinct().Count());
            var tokens = movie.Fields[plot];
            if (tokens.Count == 0)
                continue;   // an empty plot
            var signalGenres = tokens.Where(corpus.SignalWords.ContainsKey).Select(w => corpus.SignalWords[w]).ToList();
            Assert.Equal(movie.Labels.Order(), signalGenres.Distinct().Order());
            Assert.Equal(2 * movie.Labels.Count, signalGenres.Count);   // two signal words per genre
            Assert.True(tokens.Count <= 250);
        }
    }

    [Fact]
    public void Lengths_are_long_tailed_genres_unequal_and_the_same_seed_gives_the_same_corpus()
    {
        var options = new MovieCorpusOptions { Movies = 2000, Seed = 5 };
        var corpus = MovieCorpus.Generate(options);
        var lengths = corpus.Data.Examples.Select(e => e.Fields[1].Count).Where(l => l > 0).Order().ToArray();
        int median = lengths[lengths.Length / 2];
        Assert.InRange(median, 35, 45);
        Assert.True(lengths[^1] >= 4 * median, $"longest {lengths[^1]}, median {median}");
        var counts = corpus.Data.LabelCounts();
        Assert.True(counts[0] > 3 * counts[^1], $"drama {counts[0]}, western {counts[^1]}");
        int empty = corpus.Data.Examples.Count(e => e.Fields[1].Count == 0);
        Assert.InRange(empty, 15, 70);   // 2 % of 2,000

        var again = MovieCorpus.Generate(options);
        Assert.Equal(corpus.Data.Examples.Select(e => string.Join(' ', e.Fields[1])), again.Data.Examples.Select(e => string.Join(' ', e.Fields[1])));
        Assert.NotEqual(corpus.Data.Examples.Select(e => string.Join(' ', e.Fields[1])), MovieCorpus.Generate(options with { Seed = 6 }).Data.Examples.Select(e => string.Join(' ', e.Fields[1])));
    }

    [Fact]
    public void Bad_options_are_refused_by_name()
    {
        Assert.Contains("SignalWordsPerGenre", Assert.Throws<ArgumentOutOfRangeException>(() => MovieCorpus.Generate(new MovieCorpusOptions { SignalWordsPerGenre = 0 })).Message);
        Assert.Contains("MedianPlotLength", Assert.Throws<ArgumentOutOfRangeException>(() => MovieCorpus.Generate(new MovieCorpusOptions { MaxPlotLength = 10 })).Message);
    }
}

public class MultiFieldDataTests
{
    static MultiFieldDataSet Small() => new(["title", "plot"], ["runtime", "budget"], ["a", "b", "c"],
    [
        new([["x", "y"], ["p", "q", "r"]], [100, 0], [0, 2]),
        new([["y"], []], [120, 1000], [1]),
        new([["z"], ["q"]], [80, 99], []),
        new([["x"], ["r", "r"]], [90, 9], [2]),
        new([["x", "z"], ["p"]], [110, 50], [0]),
        new([["y", "y"], ["q", "p"]], [95, 20], [1, 2]),
    ]);

    [Fact]
    public void Splits_encode_each_field_with_its_own_vocabulary_and_standardise_with_training_statistics()
    {
        var set = Small();
        var data = MultiFieldData.Build(set, new MultiFieldDataOptions { ValidationShare = 0.2, TestShare = 0.2, Seed = 1, LogFeatures = ["budget"], Lengths = new Dictionary<string, int> { ["plot"] = 4 } });
        Assert.Equal(4, data.Train.Count);
        Assert.Equal(1, data.Validation.Count);
        Assert.Equal(1, data.Test.Count);
        Assert.Equal(6, data.TrainIndex.Concat(data.ValidationIndex).Concat(data.TestIndex).Distinct().Count());
        Assert.Equal(4, data.Lengths[1]);
        Assert.Equal([4L, 4], data.Ids(data.Train, "plot").shape);
        Assert.Equal(2, data.Train.ExtraInputs.Count);   // plot ids, numeric features

        // Each field's ids decode back to its tokens (post padding), through that field's own vocabulary.
        for (int r = 0; r < data.Train.Count; r++)
        {
            var example = set.Examples[data.TrainIndex[r]];
            var plotIds = data.Ids(data.Train, "plot")[r].data<long>().ToArray();
            Assert.Equal(example.Fields[1], data.Vocabularies[1].Decode(plotIds.Where(i => i != 0).Select(i => (int)i)));
            Assert.Equal(example.Fields[1].Count, plotIds.Count(i => i != 0));
            Assert.All(plotIds.Skip(example.Fields[1].Count), i => Assert.Equal(0, i));
            var targets = data.Train.Targets[r].data<float>().ToArray();
            Assert.Equal(Enumerable.Range(0, 3).Select(l => example.Labels.Contains(l) ? 1f : 0f), targets);
        }
        // Training rows of each numeric feature have mean 0 and deviation 1; budget went through log(1 + x) first.
        var numeric = data.Train.ExtraInputs[^1];
        Assert.True(numeric.mean([0]).abs().max().item<float>() < 1e-5);
        Assert.True((numeric.std(0, unbiased: false) - 1).abs().max().item<float>() < 1e-5);
        double expectedMean = data.TrainIndex.Average(i => Math.Log(1 + set.Examples[i].Numeric[1]));
        Assert.Equal(expectedMean, data.NumericMeans[1], 6);
    }

    [Fact]
    public void Unknown_fields_and_features_are_refused_by_name()
    {
        Assert.Contains("No field named 'overview'", Assert.Throws<ArgumentException>(() => MultiFieldData.Build(Small(), new MultiFieldDataOptions { Lengths = new Dictionary<string, int> { ["overview"] = 5 } })).Message);
        Assert.Contains("'popularity'", Assert.Throws<ArgumentException>(() => MultiFieldData.Build(Small(), new MultiFieldDataOptions { LogFeatures = ["popularity"] })).Message);
        Assert.Contains("label 3", Assert.Throws<ArgumentException>(() => new MultiFieldDataSet(["t"], [], ["a", "b", "c"], [new([["x"]], [], [3])])).Message);
    }
}
