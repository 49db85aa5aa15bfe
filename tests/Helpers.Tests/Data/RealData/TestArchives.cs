using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace NotebookCourse.Helpers.Tests.Data.RealData;

/// <summary>Small tar.gz archives built in the test, for the bad inputs an import must refuse.</summary>
static class TestArchives
{
    public static string Create(string folder, string name, IEnumerable<(string Path, string Content)> files)
    {
        string archive = Path.Combine(folder, name);
        using (var file = File.Create(archive))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var (path, content) in files)
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = new MemoryStream(Encoding.Latin1.GetBytes(content)) });
        }
        return archive;
    }

    /// <summary>A bydate-shaped archive with one post per group and split: right layout, wrong counts.</summary>
    public static IEnumerable<(string, string)> MiniatureBydate(int groups = 20) =>
        Enumerable.Range(0, groups).SelectMany(g => new[]
        {
            ($"20news-bydate-train/group{g:D2}/1", $"Subject: post {g}\n\nbody"),
            ($"20news-bydate-test/group{g:D2}/2", $"Subject: post {g}\n\nbody"),
        });
}
