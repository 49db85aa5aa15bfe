using System.IO.Compression;
using NotebookCourse.Helpers.Data;
using NotebookCourse.Helpers.Data.RealData;

namespace NotebookCourse.Helpers.Tests.Data.RealData;

public sealed class TmdbImportTests
{
    [Fact]
    public void Imports_the_shared_gzip_copy_with_4803_movies_and_the_known_checksum()
    {
        string source = TestPaths.RequireSharedData("movies/tmdb_5000_movies.csv.gz");
        string target = Path.Combine(TestPaths.NewTemporaryFolder(), "movies");

        var outcome = TmdbImport.Run(source, TextWriter.Null, target);
        Assert.Contains("4,803 movies, 4,775 with at least one genre, 20 genres (SHA-256 matches the known file)", outcome.Summary);
        Assert.True(TmdbImport.Run(source, TextWriter.Null, target).AlreadyPresent);

        var movies = TmdbMovies.Read(Path.Combine(target, TmdbMovies.FileName));
        var avatar = movies.Single(m => m.Id == 19995);
        Assert.Equal("Avatar", avatar.Title);
        Assert.Equal(["Action", "Adventure", "Fantasy", "Science Fiction"], avatar.Genres);
        Assert.Contains("space war", avatar.Keywords);
        Assert.Equal(162, avatar.Runtime);
        Assert.StartsWith("In the 22nd century, a paraplegic Marine", avatar.Overview);

        var set = MovieDataSets.FromTmdb(movies);
        Assert.Equal(4775, set.Examples.Count);
        Assert.Equal(["title", "overview", "keywords"], set.FieldNames);
        Assert.Equal("Drama", set.LabelNames[0]);   // the most frequent genre first
        Assert.Equal(2297, set.LabelCounts()[0]);
        Assert.Equal(20, set.LabelNames.Count);
    }

    const string Header = "budget,genres,homepage,id,keywords,original_language,original_title,overview,popularity,production_companies,production_countries,release_date,revenue,runtime,spoken_languages,status,tagline,title,vote_average,vote_count\n";

    static string Row(int id, string genres = "[{\"\"id\"\": 28, \"\"name\"\": \"\"Action\"\"}]", string overview = "\"A plot, with a comma\nand a line break.\"") =>
        $"1000,\"{genres}\",,{id},\"[{{\"\"id\"\": 1, \"\"name\"\": \"\"space war\"\"}}]\",en,T{id},{overview},1.5,[],[],2000-01-01,0,90,[],Released,,Title {id},6.5,10\n";

    [Theory]
    [InlineData("csv", null)]
    [InlineData("gz", null)]
    [InlineData("zip", null)]
    [InlineData("missing-column", "lacks the column(s) vote_count")]
    [InlineData("broken-json", "line 4: genres is not valid JSON")]
    [InlineData("wrong-count", "has 2 movies; expected 3")]
    [InlineData("truncated", "is truncated or corrupt")]
    [InlineData("open-quote", "is never closed")]
    public void Local_files_are_checked_and_a_bad_one_leaves_the_target_unchanged(string kind, string? expected)
    {
        string work = TestPaths.NewTemporaryFolder();
        string target = Path.Combine(work, "movies");
        string good = Header + Row(1) + Row(2) + Row(3);
        string text = kind switch
        {
            "missing-column" => Header.Replace(",vote_count", "") + Row(1) + Row(2) + Row(3),
            "broken-json" => Header + Row(1) + Row(2, genres: "[{\"\"id\"\": 28, \"\"name\"\": ") + Row(3),
            "wrong-count" => Header + Row(1) + Row(2),
            "open-quote" => Header + Row(1) + Row(2) + Row(3, overview: "\"never closed"),
            _ => good,
        };
        string source = Path.Combine(work, kind switch { "gz" or "truncated" => "movies.csv.gz", "zip" => "movies.zip", _ => "movies.csv" });
        byte[] content = System.Text.Encoding.UTF8.GetBytes(text);
        switch (kind)
        {
            case "gz" or "truncated":
                using (var file = File.Create(source))
                using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
                    gzip.Write(content);
                if (kind == "truncated")
                    File.WriteAllBytes(source, File.ReadAllBytes(source)[..^12]);
                break;
            case "zip":
                using (var archive = ZipFile.Open(source, ZipArchiveMode.Create))
                using (var entry = archive.CreateEntry("data/" + TmdbMovies.FileName).Open())
                    entry.Write(content);
                break;
            default:
                File.WriteAllText(source, text);
                break;
        }

        if (expected is null)
        {
            var outcome = TmdbImport.Run(source, TextWriter.Null, target, expectedMovies: 3);
            Assert.Contains("3 movies, 3 with at least one genre, 1 genres", outcome.Summary);
            Assert.Equal(content, File.ReadAllBytes(Path.Combine(target, TmdbMovies.FileName)));
            var movie = TmdbMovies.Read(Path.Combine(target, TmdbMovies.FileName))[1];
            Assert.Equal("A plot, with a comma\nand a line break.", movie.Overview);
            Assert.Equal(["space war"], movie.Keywords);
        }
        else
        {
            var error = Assert.Throws<DataImportException>(() => TmdbImport.Run(source, TextWriter.Null, target, expectedMovies: 3));
            Assert.Contains(expected, error.Message);
            Assert.False(Directory.Exists(target));
        }
    }

    [Fact]
    public void Without_a_file_it_says_where_to_get_one_and_writes_nothing()
    {
        string target = Path.Combine(TestPaths.NewTemporaryFolder(), "movies");
        var error = Assert.Throws<DataImportException>(() => TmdbImport.Run(null, TextWriter.Null, target));
        Assert.Contains("no official download URL", error.Message);
        Assert.Contains("--from PATH", error.Message);
        Assert.False(Directory.Exists(target));
    }
}
