using NotebookCourse.Helpers.Data.RealData;
using NotebookCourse.Helpers.Data.Synthetic;
using NotebookCourse.Helpers.Text;

namespace NotebookCourse.Helpers.Data;

/// <summary>Lesson 5's data: the embedded <see cref="MovieCorpus"/>, or TMDB 5000 once imported.</summary>
public static class MovieDataSets
{
    public const string Synthetic = "synthetic";
    public const string Tmdb = "movies";

    /// <summary>TMDB's numeric features; budget and popularity are skewed and taken as log(1 + x) before standardising.</summary>
    public static readonly IReadOnlyList<string> TmdbNumeric = ["runtime", "budget", "popularity", "vote_average"];
    public static readonly IReadOnlyList<string> TmdbLogFeatures = ["budget", "popularity"];

    /// <summary>
    /// TMDB 5000 as token fields title, overview and keywords (each keyword phrase one token), numeric runtime, budget,
    /// popularity and vote average, and the genres as labels (most frequent first). Movies without any genre are left out:
    /// their label set is missing, not empty. A missing runtime gets the median runtime.
    /// </summary>
    public static MultiFieldDataSet FromTmdb(IReadOnlyList<TmdbMovie> movies, WordTokenizer? tokenizer = null)
    {
        ArgumentNullException.ThrowIfNull(movies);
        tokenizer ??= new WordTokenizer();
        var labelled = movies.Where(m => m.Genres.Count > 0).ToList();
        if (labelled.Count == 0)
            throw new ArgumentException("No movie has a genre: nothing to learn.", nameof(movies));
        var genres = labelled.SelectMany(m => m.Genres).GroupBy(g => g).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        var genreIndex = genres.Select((g, i) => (g, i)).ToDictionary(p => p.g, p => p.i);
        var runtimes = labelled.Select(m => m.Runtime).Where(r => double.IsFinite(r) && r > 0).Order().ToArray();
        double medianRuntime = runtimes.Length == 0 ? 0 : runtimes[runtimes.Length / 2];
        double OrZero(double v) => double.IsFinite(v) ? v : 0;
        var examples = labelled.Select(m => new MultiFieldExample(
            [tokenizer.Tokenize(m.Title), tokenizer.Tokenize(m.Overview), m.Keywords.Select(k => k.Trim().ToLowerInvariant().Replace(' ', '_')).Where(k => k.Length > 0).ToArray()],
            [double.IsFinite(m.Runtime) && m.Runtime > 0 ? m.Runtime : medianRuntime, OrZero(m.Budget), OrZero(m.Popularity), OrZero(m.VoteAverage)],
            m.Genres.Select(g => genreIndex[g]).Distinct().Order().ToArray())).ToList();
        return new MultiFieldDataSet(["title", "overview", "keywords"], TmdbNumeric, genres, examples);
    }

    /// <summary>TMDB 5000 from data/movies/ (after <c>dotnet run --project data-scripts -- movies --from PATH</c>).</summary>
    public static MultiFieldDataSet LoadTmdb() => FromTmdb(TmdbMovies.Read(TmdbImport.RequireFile()));
}
