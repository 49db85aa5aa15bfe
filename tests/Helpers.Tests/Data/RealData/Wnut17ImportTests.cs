using System.IO.Compression;
using NotebookCourse.Helpers.Data.RealData;

namespace NotebookCourse.Helpers.Tests.Data.RealData;

public sealed class Wnut17ImportTests
{
    [Fact]
    public void Imports_the_gzip_copies_with_the_published_counts_and_binary_labels()
    {
        string source = TestPaths.RequireSharedData("sequence-labeling/wnut17");
        string target = Path.Combine(TestPaths.NewTemporaryFolder(), "wnut17");

        var outcome = Wnut17Import.Run(source, TextWriter.Null, target);
        Assert.Contains("SHA-256 matches the official files", outcome.Summary);

        var corpus = Wnut17.Load(target);
        Assert.Equal((3_394, 1_009, 1_287), (corpus.Train.Count, corpus.Dev.Count, corpus.Test.Count));
        Assert.Equal(62_730, corpus.Train.Sum(s => s.Tokens.Count));
        Assert.Equal(["@paulwalk", "It", "'s"], corpus.Train[0].Tokens.Take(3));
        Assert.Equal(["Stabilized", "approach", "or"], corpus.Dev[0].Tokens.Take(3));
        // Any tag but O is an entity: the label count equals the count of non-O tags.
        int entities = corpus.Train.Sum(s => s.Tags.Count(t => t != "O"));
        Assert.Equal(62_730 - 59_570, entities);
        Assert.Equal(entities, corpus.Train.Sum(s => s.EntityLabels.Sum()));

        Assert.True(Wnut17Import.Run(source, TextWriter.Null, target).AlreadyPresent);
    }

    [Fact]
    public void Parses_both_sentence_separators_and_labels_entities()
    {
        var sentences = Wnut17.Parse("Going\tO\nto\tO\nParis\tB-location\n\t\nNew\tB-corporation\nYork\tI-corporation\nTimes\tI-corporation\n\nok\tO\n", "sample");

        Assert.Equal(3, sentences.Count);
        Assert.Equal([0, 0, 1], sentences[0].EntityLabels);
        Assert.Equal([1, 1, 1], sentences[1].EntityLabels);
        Assert.Equal(["ok"], sentences[2].Tokens);
    }

    [Theory]
    [InlineData("word\tB-animal\n", "sample line 1: unknown tag 'B-animal'")]
    [InlineData("ok\tO\nno tab here\n", "sample line 2: expected 'token<TAB>tag'")]
    public void A_malformed_line_is_named(string text, string expected)
    {
        var error = Assert.Throws<DataImportException>(() => Wnut17.Parse(text, "sample"));
        Assert.StartsWith(expected, error.Message);
    }

    [Theory]
    [InlineData("missing", "neither emerging.test.annotated nor emerging.test.annotated.gz")]
    [InlineData("counts", "wnut17train.conll has 1 sentences and 2 tokens, expected 3,394 and 62,730")]
    [InlineData("truncated", "is truncated or corrupt")]
    [InlineData("tag", "unknown tag 'X'")]
    public void Bad_local_files_are_refused_and_the_target_is_unchanged(string kind, string expected)
    {
        string work = TestPaths.NewTemporaryFolder();
        string from = Path.Combine(work, "from");
        Directory.CreateDirectory(from);
        File.WriteAllText(Path.Combine(from, "wnut17train.conll"), kind == "tag" ? "a\tX\n" : "a\tO\nb\tB-person\n");
        File.WriteAllText(Path.Combine(from, "emerging.dev.conll"), "a\tO\n");
        if (kind != "missing")
        {
            using var gzip = new GZipStream(File.Create(Path.Combine(from, "emerging.test.annotated.gz")), CompressionLevel.Fastest);
            for (int i = 0; i < 2000; i++)
                gzip.Write(System.Text.Encoding.UTF8.GetBytes($"token{i}\tO\n"));
        }
        if (kind == "truncated")
        {
            string gz = Path.Combine(from, "emerging.test.annotated.gz");
            var bytes = File.ReadAllBytes(gz);
            File.WriteAllBytes(gz, bytes[..(bytes.Length / 2)]);
        }
        string target = Path.Combine(work, "data", "wnut17");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "earlier.txt"), "earlier");
        var before = FolderSnapshot.Of(Path.Combine(work, "data"));

        var error = Assert.Throws<DataImportException>(() => Wnut17Import.Run(from, TextWriter.Null, target));

        Assert.Contains(expected, error.Message);
        Assert.Equal(before, FolderSnapshot.Of(Path.Combine(work, "data")));
    }
}
