using System.IO.Compression;

namespace NotebookCourse.Helpers.Data.RealData;

/// <summary>TMDB 5000 imported into data/movies/ from a local .csv, .csv.gz or .zip (there is no official download with a stable checksum).</summary>
public static class TmdbImport
{
    /// <summary>SHA-256 of the CSV that the Kaggle listing and several public copies carry, byte for byte.</summary>
    public const string KnownSha256 = "1e0584a8dd374120e4ed4f2b81f0d2bd0eb95a554708e4a350d00ed5c46d2825";

    public const string WhereToGetIt =
        "TMDB 5000 has no official download URL with a stable checksum. Get tmdb_5000_movies.csv from the Kaggle listing " +
        "\"TMDB 5000 Movie Dataset\" (or a course copy, e.g. tmdb_5000_movies.csv.gz) and run this command again with --from PATH " +
        "(a .csv, .csv.gz, or a .zip holding the .csv).";

    /// <summary>The imported file, or an error naming the command that imports it.</summary>
    public static string RequireFile()
    {
        string path = Path.Combine(RealDataSets.Movies.RequireFolder(), TmdbMovies.FileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"TMDB 5000 is not imported: {path} does not exist. Run '{RealDataSets.Movies.ImportCommand} --from PATH' from the repository root.", path);
        return path;
    }

    /// <param name="expectedMovies">The movie count to check (4,803; smaller only for tests).</param>
    public static ImportOutcome Run(string? from, TextWriter log, string? target = null, int expectedMovies = TmdbMovies.Movies)
    {
        target = Path.GetFullPath(target ?? RealDataSets.Movies.FullPath);
        string existing = Path.Combine(target, TmdbMovies.FileName);
        if (File.Exists(existing))
        {
            try
            {
                Validate(existing, expectedMovies);
                return new(target, true, $"TMDB 5000 is already imported and valid in {existing}; nothing to do.");
            }
            catch (DataImportException invalid)
            {
                log.WriteLine($"The copy in {existing} is not valid ({invalid.Message}); importing again.");
            }
        }
        if (from is null)
            throw new DataImportException(WhereToGetIt);
        if (!File.Exists(from))
            throw new DataImportException($"--from {from}: no such file. Expected {TmdbMovies.FileName}, as .csv, .csv.gz or inside a .zip.");

        using var staged = new StagedImport(target);
        string assembled = Path.Combine(staged.Folder, "movies");
        Directory.CreateDirectory(assembled);
        string destination = Path.Combine(assembled, TmdbMovies.FileName);
        var movies = TmdbMovies.Read(from);   // checks structure before anything is written
        Check(movies, from, expectedMovies);
        if (from.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            GzipFile.Decompress(from, destination, "TMDB");
        else if (from.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var archive = ZipFile.OpenRead(from);
            archive.Entries.First(e => e.Name == TmdbMovies.FileName).ExtractToFile(destination);
        }
        else
            File.Copy(from, destination);
        string sha = FileChecksum.Sha256(destination);
        staged.Commit(assembled);
        int withGenres = movies.Count(m => m.Genres.Count > 0);
        return new(target, false, $"Imported TMDB 5000 into {Path.Combine(target, TmdbMovies.FileName)}: {movies.Count:N0} movies, {withGenres:N0} with at least one genre, " +
            $"{movies.SelectMany(m => m.Genres).Distinct().Count()} genres ({(sha == KnownSha256 ? "SHA-256 matches the known file" : "differs from the known file; accepted on structure and counts")}).");
    }

    public static void Validate(string path, int expectedMovies = TmdbMovies.Movies) => Check(TmdbMovies.Read(path), path, expectedMovies);

    static void Check(IReadOnlyList<TmdbMovie> movies, string path, int expectedMovies)
    {
        if (movies.Count != expectedMovies)
            throw new DataImportException($"TMDB: {path} has {movies.Count:N0} movies; expected {expectedMovies:N0}.");
    }
}
