using NotebookCourse.Helpers.Pretrained;
using NotebookCourse.Helpers.Text;

namespace NotebookCourse.Helpers.Tests.Pretrained;

public class VectorAlignmentTests
{
    // Vocabulary by frequency: the (3), cat (2), zorp (1), sat (1); "zorp" has no vector.
    static readonly Vocabulary Words = Vocabulary.Fit([["the", "cat", "the", "zorp"], ["the", "cat", "sat"]]);
    static readonly WordVectors Vectors = WordVectorReader.Read(new StringReader("the 1 2\ncat 3 4\nsat 5 6\ndog 7 8\n"), "test");

    [Fact]
    public void Row_0_is_zero_found_words_get_their_vectors_and_coverage_is_counted_by_type_and_token()
    {
        var aligned = VectorAlignment.Align(Vectors, Words, OovHandling.ZeroVector);
        Assert.Equal(5, aligned.Rows);
        Assert.Equal([0f, 0f], aligned.Row(0).ToArray());
        Assert.Equal([1f, 2f], aligned.Row(Words.WordIndex["the"]).ToArray());
        Assert.Equal([5f, 6f], aligned.Row(Words.WordIndex["sat"]).ToArray());
        Assert.Equal([0f, 0f], aligned.Row(Words.WordIndex["zorp"]).ToArray());
        Assert.Equal(3, aligned.Coverage.WordsFound);
        Assert.Equal(1, aligned.Coverage.WordsMissing);
        Assert.Equal(6.0 / 7, aligned.Coverage.TokenCoverage, 9);   // 7 tokens, "zorp" is 1 of them
        Assert.Equal(0.75, aligned.Coverage.TypeCoverage);
        Assert.Equal([("zorp", 1)], aligned.Coverage.MostFrequentMissing);
    }

    [Fact]
    public void Each_oov_choice_fills_missing_words_as_named()
    {
        int zorp = Words.WordIndex["zorp"];
        var random = VectorAlignment.Align(Vectors, Words, OovHandling.SmallRandom, seed: 1);
        Assert.All(random.Row(zorp).ToArray(), v => Assert.InRange(v, -0.05f, 0.05f));
        Assert.NotEqual(0f, random.Row(zorp)[0]);
        var mean = VectorAlignment.Align(Vectors, Words, OovHandling.MeanVector);
        Assert.Equal([4f, 5f], mean.Row(zorp).ToArray());   // the mean of all four file vectors
        var shared = VectorAlignment.Align(Vectors, Words, OovHandling.SharedOovRow, seed: 1);
        Assert.Equal(Words.Size + 1, shared.Rows);
        Assert.Equal(Words.Size, shared.IdMap[zorp]);
        Assert.Equal([Words.WordIndex["the"], Words.Size], shared.MapIds([Words.WordIndex["the"], zorp]));
        Assert.All(new[] { random, mean, shared }, a => Assert.Equal([0f, 0f], a.Row(0).ToArray()));
    }

    [Fact]
    public void A_lookup_can_lowercase_words_for_an_uncased_vector_file()
    {
        var cased = Vocabulary.Fit([["The", "cat"]]);
        Assert.Equal(1, VectorAlignment.Align(Vectors, cased, OovHandling.ZeroVector).Coverage.WordsFound);
        Assert.Equal(2, VectorAlignment.Align(Vectors, cased, OovHandling.ZeroVector, lookup: w => w.ToLowerInvariant()).Coverage.WordsFound);
    }

    [Fact]
    public void A_table_taken_from_a_model_keeps_its_numbers_row_by_row_and_refuses_other_shapes()
    {
        using var table = TorchSharp.torch.tensor(new double[] { 0, 0, 1.5, -2, 3, 4 }, [3, 2]);
        var aligned = AlignedVectors.FromTable(table);
        Assert.Equal((3, 2), (aligned.Rows, aligned.Dimension));
        Assert.Equal([1.5f, -2f], aligned.Row(1).ToArray());
        Assert.Equal([0, 1, 2], aligned.IdMap);
        using var flat = TorchSharp.torch.zeros(6);
        Assert.Contains("table (rows, dim)", Assert.Throws<ArgumentException>(() => AlignedVectors.FromTable(flat)).Message);
    }
}
