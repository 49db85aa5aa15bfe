using System.IO.Compression;
using NotebookCourse.Helpers.Pretrained;

namespace NotebookCourse.Helpers.Tests.Pretrained;

public class WordVectorReaderTests
{
    const string Glove = "the 0.5 -1 2\n, 0.25 0 1e-2\ncat -0.5 1.5 3\n";

    static string Write(string text, bool gzip = false)
    {
        string path = Path.Combine(TestPaths.NewTemporaryFolder(), gzip ? "vectors.txt.gz" : "vectors.txt");
        if (!gzip)
            File.WriteAllText(path, text);
        else
        {
            using var output = new GZipStream(File.Create(path), CompressionLevel.Optimal);
            output.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }
        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_words_in_file_order_with_their_numbers_plain_or_gzipped(bool gzip)
    {
        var vectors = WordVectorReader.Read(Write(Glove, gzip));
        Assert.Equal(["the", ",", "cat"], vectors.Words);
        Assert.Equal(3, vectors.Dimension);
        Assert.Equal([0.25f, 0f, 0.01f], vectors[","].ToArray());
        Assert.True(vectors.Contains("cat"));
        Assert.True(vectors["dog"].IsEmpty);
        Assert.Equal(["the", ","], WordVectorReader.Read(Write(Glove, gzip), maxWords: 2).Words);
    }

    [Fact]
    public void A_word2vec_header_line_is_recognised_and_checked()
    {
        var vectors = WordVectorReader.Read(Write("3 3\n" + Glove));
        Assert.Equal(3, vectors.Count);
        Assert.Contains("the header declares 4 words; the file has 3", Assert.Throws<WordVectorFormatException>(() => WordVectorReader.Read(Write("4 3\n" + Glove))).Message);
    }

    [Theory]
    [InlineData("the 0.5 -1 2\ncat 1 2\n", "line 2: the word \"cat\" has 2 numbers; every vector must have 3")]
    [InlineData("the 0.5 -1 2\ncat 1 x 2\n", "line 2: \"x\" (number 2 of the word \"cat\") is not a finite number")]
    [InlineData("the 0.5 -1 2\nthe 1 2 3\n", "line 2: the word \"the\" occurs a second time (first on line 1)")]
    [InlineData("the 0.5 -1 2\n\ncat 1 2 3\n", "line 2: expected a word followed by numbers")]
    [InlineData("the 0.5  -1 2\n", "line 1: \"\" (number 2 of the word \"the\") is not a finite number")]
    [InlineData("the 0.5 NaN 2\n", "is not a finite number")]
    [InlineData("", "no word vectors in the file")]
    public void Malformed_files_are_errors_that_name_the_line(string text, string expected)
    {
        var error = Assert.Throws<WordVectorFormatException>(() => WordVectorReader.Read(Write(text)));
        Assert.Contains(expected, error.Message);
        Assert.Contains("vectors.txt", error.Message);
    }

    [Fact]
    public void A_truncated_gzip_is_an_error_not_a_short_read()
    {
        string path = Write(string.Concat(Enumerable.Range(0, 2000).Select(i => $"w{i} {i} {i + 1} {i + 2}\n")), gzip: true);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);
        Assert.Contains("truncated or corrupt", Assert.Throws<WordVectorFormatException>(() => WordVectorReader.Read(path)).Message);
    }

    [Fact]
    public void The_shared_GloVe_6B_50d_file_has_400000_words_of_dimension_50_most_frequent_first()
    {
        string path = TestPaths.RequireSharedData("glove/glove.6B.50d.txt.gz");
        var vectors = WordVectorReader.Read(path);
        Assert.Equal(400_000, vectors.Count);
        Assert.Equal(50, vectors.Dimension);
        Assert.Equal(["the", ",", ".", "of", "to"], vectors.Words.Take(5));
        Assert.Equal([0.418f, 0.24968f, -0.41242f], vectors["the"][..3].ToArray());
    }
}
