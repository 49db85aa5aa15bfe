using System.IO.Compression;
using NotebookCourse.Helpers.Data.RealData;

namespace NotebookCourse.Helpers.Tests.Data.RealData;

public sealed class GloveImportTests
{
    [Fact]
    public void Imports_the_shared_gzip_copy_with_400000_words_and_the_published_checksum()
    {
        string source = TestPaths.RequireSharedData("glove/glove.6B.50d.txt.gz");
        string target = Path.Combine(TestPaths.NewTemporaryFolder(), "glove");

        var outcome = GloveImport.Run(source, 50, TextWriter.Null, target);
        Assert.Contains("400,000 words x 50 (SHA-256 matches the published file)", outcome.Summary);
        Assert.True(GloveImport.Run(source, 50, TextWriter.Null, target).AlreadyPresent);
    }

    static string Lines(int words, int dim) =>
        string.Concat(Enumerable.Range(0, words).Select(w => $"w{w} " + string.Join(' ', Enumerable.Range(0, dim).Select(d => (0.1 * d).ToString("F1", System.Globalization.CultureInfo.InvariantCulture))) + "\n"));

    [Theory]
    [InlineData("txt", null)]
    [InlineData("gz", null)]
    [InlineData("zip", null)]
    [InlineData("malformed", "line 2")]
    [InlineData("dimension", "line 3")]
    [InlineData("count", "has 2 words of dimension 50; expected 3 of dimension 50")]
    [InlineData("truncated", "truncated or corrupt")]
    [InlineData("zip-without-file", "holds no glove.6B.50d.txt")]
    public void Local_files_are_checked_and_a_bad_one_leaves_the_target_unchanged(string kind, string? expected)
    {
        string work = TestPaths.NewTemporaryFolder();
        string target = Path.Combine(work, "glove");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "glove.6B.100d.txt"), "kept");
        string text = kind switch
        {
            "malformed" => Lines(1, 50) + "broken\n" + Lines(1, 50),
            "dimension" => Lines(2, 50) + Lines(1, 49).Replace("w0", "w9"),
            "count" => Lines(2, 50),
            _ => Lines(3, 50),
        };
        string from = Path.Combine(work, "glove.6B.50d.txt");
        File.WriteAllText(from, text);
        if (kind is "gz" or "truncated")
        {
            using (var gzip = new GZipStream(File.Create(from + ".gz"), CompressionLevel.Fastest))
                gzip.Write(System.Text.Encoding.UTF8.GetBytes(text));
            if (kind == "truncated")
                using (var file = File.OpenWrite(from + ".gz"))
                    file.SetLength(file.Length - 30);
            from += ".gz";
        }
        else if (kind is "zip" or "zip-without-file")
        {
            string zip = Path.Combine(work, "glove.6B.zip");
            using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
                archive.CreateEntryFromFile(from, kind == "zip" ? "glove.6B.50d.txt" : "other.txt");
            from = zip;
        }

        if (expected is null)
        {
            var outcome = GloveImport.Run(from, 50, TextWriter.Null, target, expectedWords: 3);
            Assert.Contains("differs from the published file", outcome.Summary);
            Assert.Equal(text, File.ReadAllText(Path.Combine(target, "glove.6B.50d.txt")));
        }
        else
        {
            var error = Assert.Throws<DataImportException>(() => GloveImport.Run(from, 50, TextWriter.Null, target, expectedWords: 3));
            Assert.Contains(expected, error.Message);
            Assert.False(File.Exists(Path.Combine(target, "glove.6B.50d.txt")));
        }
        Assert.Equal("kept", File.ReadAllText(Path.Combine(target, "glove.6B.100d.txt")));
        Assert.DoesNotContain(Directory.GetDirectories(work), d => Path.GetFileName(d).StartsWith(".staging"));
    }

    [Fact]
    public void An_unknown_dimension_is_refused()
    {
        var error = Assert.Throws<DataImportException>(() => GloveImport.Run(null, 64, TextWriter.Null, TestPaths.NewTemporaryFolder()));
        Assert.Contains("50, 100, 200, 300", error.Message);
    }
}
