using System.Net;
using System.Net.Sockets;
using System.Text;
using NotebookCourse.Helpers.Data.RealData;

namespace NotebookCourse.Helpers.Tests.Data.RealData;

public sealed class TwentyNewsgroupsImportTests
{
    const string SharedArchive = "20news-bydate/20news-bydate.repack.tar.gz";

    [Fact]
    public void Imports_the_shared_copy_with_the_published_counts_and_known_posts()
    {
        string archive = TestPaths.RequireSharedData(SharedArchive);
        string target = Path.Combine(TestPaths.NewTemporaryFolder(), "20news-bydate");

        var outcome = TwentyNewsgroupsImport.Run(archive, TextWriter.Null, target);
        Assert.False(outcome.AlreadyPresent);
        Assert.Contains("11,314 training and 7,532 test posts", outcome.Summary);

        var corpus = TwentyNewsgroups.Load(target);
        Assert.Equal(20, corpus.Groups.Count);
        Assert.Equal("alt.atheism", corpus.Groups[0]);
        Assert.Equal(11_314, corpus.Train.Count);
        Assert.Equal(7_532, corpus.Test.Count);
        Assert.Equal(480, corpus.Train.Count(p => p.Group == "alt.atheism"));
        Assert.Equal(251, corpus.Test.Count(p => p.Group == "talk.religion.misc"));
        var first = corpus.Train[0];
        Assert.Equal(("49960", "alt.atheism", 0), (first.Id, first.Group, first.Label));
        Assert.StartsWith("From: mathew <mathew@mantis.co.uk>\nSubject: Alt.Atheism FAQ: Atheist Resources", first.Text);

        // Latin-1: one character per byte, bytes >= 0x80 included.
        string path = Path.Combine(target, "20news-bydate-test", "alt.atheism", "54163");
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Contains(bytes, b => b >= 0x80);
        string text = corpus.Test.Single(p => p.Group == "alt.atheism" && p.Id == "54163").Text;
        Assert.Equal(new string(bytes.Select(b => (char)b).ToArray()), text);
    }

    [Fact]
    public void A_rerun_over_a_valid_import_is_a_no_op()
    {
        string archive = TestPaths.RequireSharedData(SharedArchive);
        string target = Path.Combine(TestPaths.NewTemporaryFolder(), "20news-bydate");
        TwentyNewsgroupsImport.Run(archive, TextWriter.Null, target);
        var stamp = Directory.GetLastWriteTimeUtc(Path.Combine(target, "20news-bydate-train"));

        var again = TwentyNewsgroupsImport.Run("/nonexistent/never-read.tar.gz", TextWriter.Null, target);

        Assert.True(again.AlreadyPresent);
        Assert.Contains("nothing to do", again.Summary);
        Assert.Equal(stamp, Directory.GetLastWriteTimeUtc(Path.Combine(target, "20news-bydate-train")));
    }

    [Fact]
    public void Imports_from_a_folder_with_the_bydate_layout()
    {
        string archive = TestPaths.RequireSharedData(SharedArchive);
        string work = TestPaths.NewTemporaryFolder();
        string unpacked = Path.Combine(work, "unpacked", "20news-bydate");
        SafeTarExtraction.Extract(archive, unpacked);

        var outcome = TwentyNewsgroupsImport.Run(Path.Combine(work, "unpacked"), TextWriter.Null, Path.Combine(work, "data", "20news-bydate"));

        Assert.Contains("local folder, validated by layout and counts", outcome.Summary);
        Assert.Equal(11_314, TwentyNewsgroups.Load(outcome.Folder).Train.Count);
    }

    public static TheoryData<string> BadArchives => ["truncated", "corrupt", "escaping", "absolute", "link", "layout", "counts", "groups"];

    [Theory]
    [MemberData(nameof(BadArchives))]
    public void A_bad_archive_is_refused_with_a_clear_message_and_the_target_is_unchanged(string kind)
    {
        string work = TestPaths.NewTemporaryFolder();
        string target = Path.Combine(work, "data", "20news-bydate");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "earlier-content.txt"), "left by an earlier, invalid import");
        var before = FolderSnapshot.Of(Path.Combine(work, "data"));

        var (archive, expected) = kind switch
        {
            "truncated" => (Truncated(work), "truncated or corrupt"),
            "corrupt" => (Corrupt(work), "truncated or corrupt"),
            "escaping" => (TestArchives.Create(work, "escaping.tar.gz", [("20news-bydate-train/../../../escaped.txt", "x")]), "would be written outside the target folder"),
            "absolute" => (TestArchives.Create(work, "absolute.tar.gz", [(Path.Combine(work, "absolute.txt"), "x")]), "would be written outside the target folder"),
            "link" => (WithLink(work), "is a link"),
            "layout" => (TestArchives.Create(work, "layout.tar.gz", [("20news-bydate-train/alt.atheism/1", "x")]), "Not the 20 Newsgroups bydate layout"),
            "counts" => (TestArchives.Create(work, "counts.tar.gz", TestArchives.MiniatureBydate()), "20 training and 20 test posts, expected 11,314 and 7,532"),
            "groups" => (TestArchives.Create(work, "groups.tar.gz", TestArchives.MiniatureBydate(groups: 19)), "has 19 group folders, expected 20"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var error = Assert.Throws<DataImportException>(() => TwentyNewsgroupsImport.Run(archive, TextWriter.Null, target));

        Assert.Contains(expected, error.Message);
        Assert.Equal(before, FolderSnapshot.Of(Path.Combine(work, "data")));
        Assert.False(File.Exists(Path.Combine(work, "escaped.txt")));
        Assert.False(File.Exists(Path.Combine(work, "absolute.txt")));
    }

    [Fact]
    public void Without_network_the_error_says_so_and_names_the_offline_import()
    {
        string work = TestPaths.NewTemporaryFolder();
        string target = Path.Combine(work, "data", "20news-bydate");

        // Port 9 (discard) on loopback: connection refused, the same path as no network at all.
        var error = Assert.Throws<DataImportException>(() =>
            TwentyNewsgroupsImport.Run(null, TextWriter.Null, target, new Uri("http://127.0.0.1:9/20news-bydate.tar.gz")));

        Assert.Contains("Could not download http://127.0.0.1:9/20news-bydate.tar.gz", error.Message);
        Assert.Contains("dotnet run --project data-scripts -- 20newsgroups --from PATH", error.Message);
        Assert.Equal(new FolderSnapshot(["(absent)"]), FolderSnapshot.Of(target));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(work, "data")));
    }

    [Fact]
    public async Task A_download_whose_checksum_differs_is_refused()
    {
        string work = TestPaths.NewTemporaryFolder();
        string target = Path.Combine(work, "data", "20news-bydate");
        byte[] served = File.ReadAllBytes(TestArchives.Create(work, "served.tar.gz", TestArchives.MiniatureBydate()));
        using var server = new OneFileServer(served);

        var error = await Task.Run(() => Assert.Throws<DataImportException>(() =>
            TwentyNewsgroupsImport.Run(null, TextWriter.Null, target, server.Address)), TestContext.Current.CancellationToken);

        Assert.Contains($"Checksum mismatch for {server.Address}: SHA-256 is {FileChecksum.Sha256(served)}, expected {TwentyNewsgroupsImport.ArchiveSha256}", error.Message);
        Assert.False(Directory.Exists(target));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(work, "data")));
    }

    [Fact]
    public void A_missing_data_set_names_the_command_to_run()
    {
        var missing = new RealDataSet("20newsgroups", "20news-bydate-not-imported-" + Guid.NewGuid().ToString("N"));
        var error = Assert.Throws<DirectoryNotFoundException>(() => missing.RequireFolder());
        Assert.Contains("dotnet run --project data-scripts -- 20newsgroups", error.Message);
        Assert.Contains("--from PATH", error.Message);
    }

    static string Truncated(string work)
    {
        string archive = TestArchives.Create(work, "whole.tar.gz", TestArchives.MiniatureBydate());
        byte[] bytes = File.ReadAllBytes(archive);
        string truncated = Path.Combine(work, "truncated.tar.gz");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        return truncated;
    }

    static string Corrupt(string work)
    {
        string archive = TestArchives.Create(work, "whole.tar.gz", TestArchives.MiniatureBydate());
        byte[] bytes = File.ReadAllBytes(archive);
        for (int i = 20; i < bytes.Length - 8; i += 7)
            bytes[i] ^= 0x5a;
        string corrupt = Path.Combine(work, "corrupt.tar.gz");
        File.WriteAllBytes(corrupt, bytes);
        return corrupt;
    }

    static string WithLink(string work)
    {
        string archive = Path.Combine(work, "link.tar");
        using (var file = File.Create(archive))
        using (var writer = new System.Formats.Tar.TarWriter(file))
            writer.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.SymbolicLink, "20news-bydate-train/link") { LinkName = "/etc/passwd" });
        return archive;
    }

    /// <summary>Serves one file over HTTP on loopback, for the download path.</summary>
    sealed class OneFileServer : IDisposable
    {
        readonly HttpListener listener = new();

        public OneFileServer(byte[] content)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Address = new Uri($"http://127.0.0.1:{port}/20news-bydate.tar.gz");
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            listener.Start();
            _ = Task.Run(async () =>
            {
                while (listener.IsListening)
                {
                    try
                    {
                        var context = await listener.GetContextAsync();
                        context.Response.ContentLength64 = content.Length;
                        await context.Response.OutputStream.WriteAsync(content);
                        context.Response.Close();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }
                }
            });
        }

        public Uri Address { get; }

        public void Dispose() => listener.Close();
    }
}
