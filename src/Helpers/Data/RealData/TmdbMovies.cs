using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace NotebookCourse.Helpers.Data.RealData;

/// <summary>One movie of TMDB 5000 with the columns lesson 5 uses. A number the file leaves empty is NaN.</summary>
public sealed record TmdbMovie(long Id, string Title, string Overview, IReadOnlyList<string> Keywords, IReadOnlyList<string> Genres,
    double Runtime, double Budget, double Popularity, double VoteAverage);

/// <summary>
/// The TMDB 5000 movie file (<c>tmdb_5000_movies.csv</c>, built from The Movie Database's API; "This product uses the
/// TMDb API but is not endorsed or certified by TMDb."): RFC 4180 CSV, UTF-8, 20 columns, genres and keywords as JSON
/// lists of {"id", "name"} objects.
/// </summary>
public static class TmdbMovies
{
    public const string FileName = "tmdb_5000_movies.csv";
    public const int Movies = 4803;

    public static readonly IReadOnlyList<string> Columns =
    [
        "budget", "genres", "homepage", "id", "keywords", "original_language", "original_title", "overview", "popularity",
        "production_companies", "production_countries", "release_date", "revenue", "runtime", "spoken_languages", "status",
        "tagline", "title", "vote_average", "vote_count",
    ];

    /// <summary>Reads a .csv, .csv.gz or a .zip holding the .csv; every record checked (column count, JSON lists, numbers, distinct ids).</summary>
    public static IReadOnlyList<TmdbMovie> Read(string path)
    {
        using var reader = Open(path);
        return Parse(reader, path);
    }

    public static IReadOnlyList<TmdbMovie> Parse(TextReader reader, string source)
    {
        var movies = new List<TmdbMovie>();
        Dictionary<string, int>? column = null;
        var ids = new HashSet<long>();
        foreach (var (line, fields) in CsvRecords.Read(reader, source))
        {
            if (column is null)
            {
                var header = fields.Select(f => f.Trim().TrimStart('\uFEFF')).ToArray();
                var missing = Columns.Where(c => !header.Contains(c)).ToList();
                if (missing.Count > 0)
                    throw new DataImportException($"TMDB: {source}: the header lacks the column(s) {string.Join(", ", missing)}; expected the 20 columns {string.Join(", ", Columns)}.");
                if (header.Length != Columns.Count)
                    throw new DataImportException($"TMDB: {source}: the header has {header.Length} columns; expected the 20 columns {string.Join(", ", Columns)}.");
                column = header.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i);
                continue;
            }
            if (fields.Length == 1 && fields[0].Length == 0)
                continue;   // a blank line at the end
            if (fields.Length != Columns.Count)
                throw new DataImportException($"TMDB: {source}: the record on line {line} has {fields.Length} fields; expected {Columns.Count}.");
            string Get(string name) => fields[column[name]];
            long id = long.TryParse(Get("id"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                ? parsed : throw new DataImportException($"TMDB: {source}: line {line}: id '{Get("id")}' is not an integer.");
            if (!ids.Add(id))
                throw new DataImportException($"TMDB: {source}: line {line}: movie id {id} occurs twice.");
            movies.Add(new TmdbMovie(id, Get("title"), Get("overview"), Names(Get("keywords"), "keywords", source, line), Names(Get("genres"), "genres", source, line),
                Number(Get("runtime"), "runtime", source, line), Number(Get("budget"), "budget", source, line),
                Number(Get("popularity"), "popularity", source, line), Number(Get("vote_average"), "vote_average", source, line)));
        }
        if (column is null)
            throw new DataImportException($"TMDB: {source} is empty; expected a header and {Movies:N0} movies.");
        return movies;
    }

    static TextReader Open(string path)
    {
        if (!File.Exists(path))
            throw new DataImportException($"TMDB: {path}: no such file.");
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                using var archive = ZipFile.OpenRead(path);
                var entry = archive.Entries.FirstOrDefault(e => e.Name == FileName)
                            ?? throw new DataImportException($"TMDB: {path} holds no {FileName} (it holds {string.Join(", ", archive.Entries.Select(e => e.FullName))}).");
                // Read whole so the archive can close; the file is about 5.7 MB.
                using var stream = new StreamReader(entry.Open());
                return new StringReader(stream.ReadToEnd());
            }
            catch (InvalidDataException e)
            {
                throw new DataImportException($"TMDB: {path} is not a complete zip archive ({e.Message}).", e);
            }
        }
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            return new StreamReader(new MemoryStream(GzipFile.ReadAllBytes(path, "TMDB")), System.Text.Encoding.UTF8);
        var file = File.OpenRead(path);
        return new StreamReader(file, System.Text.Encoding.UTF8);
    }

    static IReadOnlyList<string> Names(string json, string column, string source, int line)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                throw new DataImportException($"TMDB: {source}: line {line}: {column} is not a JSON list.");
            return document.RootElement.EnumerateArray().Select(e => e.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                ? name.GetString()! : throw new DataImportException($"TMDB: {source}: line {line}: an entry of {column} has no \"name\" string.")).ToList();
        }
        catch (JsonException e)
        {
            throw new DataImportException($"TMDB: {source}: line {line}: {column} is not valid JSON ({e.Message}).", e);
        }
    }

    static double Number(string text, string column, string source, int line) =>
        text.Length == 0 ? double.NaN
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
        : throw new DataImportException($"TMDB: {source}: line {line}: {column} '{text}' is not a number.");
}
