namespace NotebookCourse.Helpers.Data.Synthetic;

/// <summary>The knobs of <see cref="MovieCorpus"/>.</summary>
public sealed record MovieCorpusOptions
{
    public int Movies { get; init; } = 3000;

    /// <summary>Median plot length in tokens; lengths are log-normal, so a few plots are many times longer.</summary>
    public int MedianPlotLength { get; init; } = 40;

    /// <summary>Spread of the log-normal plot length (its log's standard deviation).</summary>
    public double PlotLengthSpread { get; init; } = 0.8;

    /// <summary>The longest plot; padding to it never cuts a signal word off.</summary>
    public int MaxPlotLength { get; init; } = 250;

    /// <summary>Signal words a plot carries for each of its genres, each at a random position.</summary>
    public int SignalWordsPerGenre { get; init; } = 2;

    /// <summary>Share of movies whose plot is empty (a missing overview).</summary>
    public double EmptyPlotShare { get; init; } = 0.02;

    /// <summary>Chance that a movie's keywords name each of its genres (the rest of the keywords are noise).</summary>
    public double KeywordHitRate { get; init; } = 0.3;

    /// <summary>Chance that a cast slot holds an actor typecast in one of the movie's genres.</summary>
    public double TypecastRate { get; init; } = 0.25;

    public int NeutralWords { get; init; } = 2000;
    public int Seed { get; init; } = 42;

    internal void Validate()
    {
        if (Movies < 10)
            throw new ArgumentOutOfRangeException(nameof(Movies), $"Need at least 10 movies; got {Movies}.");
        if (MedianPlotLength < 4 || MaxPlotLength < MedianPlotLength || PlotLengthSpread < 0)
            throw new ArgumentOutOfRangeException(nameof(MedianPlotLength), $"Need 4 <= MedianPlotLength <= MaxPlotLength and PlotLengthSpread >= 0; got {MedianPlotLength}, {MaxPlotLength}, {PlotLengthSpread}.");
        if (SignalWordsPerGenre < 1 || SignalWordsPerGenre * 3 > MedianPlotLength)
            throw new ArgumentOutOfRangeException(nameof(SignalWordsPerGenre), $"SignalWordsPerGenre must be at least 1 and leave room for neutral words (at most MedianPlotLength / 3 = {MedianPlotLength / 3}); got {SignalWordsPerGenre}.");
        if (EmptyPlotShare is < 0 or >= 1 || KeywordHitRate is < 0 or > 1 || TypecastRate is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(EmptyPlotShare), $"EmptyPlotShare must be in [0, 1), KeywordHitRate and TypecastRate in [0, 1]; got {EmptyPlotShare}, {KeywordHitRate}, {TypecastRate}.");
        if (NeutralWords < 50)
            throw new ArgumentOutOfRangeException(nameof(NeutralWords), $"Need at least 50 neutral words; got {NeutralWords}.");
    }
}

/// <summary>
/// Lesson 5's embedded data: movies with four token fields (title, plot, keywords, cast), two numeric features (runtime,
/// year) and one or more of eight genres. A plot's genres are decided by a few signal words ("haunted", "sheriff"...)
/// placed at random positions among many neutral made-up words, and plot lengths are long-tailed. So a pooling that
/// averages over every token dilutes the few words that matter more, the longer the plot; a pooling that can pick
/// positions (max, attention) does not. Keywords and cast are weaker, noisy evidence; the numeric features weaker still.
/// Genres are long-tailed too (drama common, western rare), so micro and macro F1 differ. Deterministic for a seed.
/// </summary>
public sealed class MovieCorpus
{
    public static readonly IReadOnlyList<string> Genres = ["drama", "comedy", "thriller", "action", "romance", "horror", "science fiction", "western"];

    static readonly string[][] SignalWordLists =
    [
        ["grief", "addiction", "custody", "illness", "redemption", "estranged"],
        ["hilarious", "prank", "mishap", "goofy", "slapstick", "wacky"],
        ["hostage", "conspiracy", "kidnapping", "assassin", "blackmail", "stalker"],
        ["explosion", "chase", "gunfight", "heist", "commando", "showdown"],
        ["wedding", "lovers", "courtship", "sweetheart", "romance", "kiss"],
        ["haunted", "demon", "possessed", "slasher", "zombie", "curse"],
        ["spaceship", "android", "galaxy", "cyborg", "teleport", "alien"],
        ["cowboy", "sheriff", "outlaw", "saloon", "frontier", "ranch"],
    ];

    public const string TitleField = "title", PlotField = "plot", KeywordsField = "keywords", CastField = "cast";
    public const string Runtime = "runtime", Year = "year";

    MovieCorpus(MultiFieldDataSet data, IReadOnlyDictionary<string, int> signalWords)
    {
        Data = data;
        SignalWords = signalWords;
    }

    /// <summary>The movies: fields title, plot, keywords, cast; numeric runtime (minutes) and year; the genres as labels.</summary>
    public MultiFieldDataSet Data { get; }

    /// <summary>Every plot signal word and the genre (label index) it decides: the ground truth attention can be checked against.</summary>
    public IReadOnlyDictionary<string, int> SignalWords { get; }

    public static MovieCorpus Generate(MovieCorpusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var random = new Random(options.Seed);
        // Disjoint made-up vocabularies: plot's neutral words, title words, keywords, actors.
        int next = 0;
        string[] Words(int count, string prefix = "") => Enumerable.Range((next += count) - count, count).Select(i => prefix + TopicCorpus.WordFor(i)).ToArray();
        var neutral = Words(options.NeutralWords);
        var titleWords = Words(400);
        var genreKeywords = Genres.Select(_ => Words(8, "kw-")).ToArray();
        var noiseKeywords = Words(200, "kw-");
        var actors = Words(240).Select(a => char.ToUpperInvariant(a[0]) + a[1..]).ToArray();
        var neutralCumulative = Sampling.Zipf(neutral.Length, 1.0);
        var genreCumulative = Sampling.Zipf(Genres.Count, 0.8);
        var genreCountCumulative = Sampling.Cumulative([0.5, 0.35, 0.15]);

        var examples = new List<MultiFieldExample>(options.Movies);
        for (int m = 0; m < options.Movies; m++)
        {
            int genreCount = Sampling.Draw(random, genreCountCumulative) + 1;
            var genres = new List<int>();
            while (genres.Count < genreCount)
            {
                int g = Sampling.Draw(random, genreCumulative);
                if (!genres.Contains(g))
                    genres.Add(g);
            }
            genres.Sort();

            var plot = new List<string>();
            if (random.NextDouble() >= options.EmptyPlotShare)
            {
                int signals = genres.Count * options.SignalWordsPerGenre;
                int length = Math.Max(Sampling.LogNormalLength(random, options.MedianPlotLength, options.PlotLengthSpread, 4, options.MaxPlotLength), signals + 2);
                for (int t = 0; t < length - signals; t++)
                    plot.Add(neutral[Sampling.Draw(random, neutralCumulative)]);
                foreach (var g in genres)
                    for (int s = 0; s < options.SignalWordsPerGenre; s++)
                        plot.Insert(random.Next(plot.Count + 1), SignalWordLists[g][random.Next(SignalWordLists[g].Length)]);
            }

            var title = Enumerable.Range(0, random.Next(1, 5)).Select(_ => titleWords[random.Next(titleWords.Length)]).ToList();
            var keywords = new List<string>();
            foreach (var g in genres)
                if (random.NextDouble() < options.KeywordHitRate)
                    keywords.Add(genreKeywords[g][random.Next(genreKeywords[g].Length)]);
            for (int k = random.Next(0, 4); k > 0; k--)
                keywords.Add(noiseKeywords[random.Next(noiseKeywords.Length)]);
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(keywords));
            // Actors 0-29 are typecast in genre 0, 30-59 in genre 1, ...; any actor can appear in any movie.
            int perGenre = actors.Length / Genres.Count;
            var cast = Enumerable.Range(0, 3).Select(_ => random.NextDouble() < options.TypecastRate
                ? actors[genres[random.Next(genres.Count)] * perGenre + random.Next(perGenre)]
                : actors[random.Next(actors.Length)]).ToList();

            double runtime = 95 + (genres.Contains(0) ? 15 : 0) + (genres.Contains(7) ? 10 : 0) - (genres.Contains(1) || genres.Contains(5) ? 8 : 0) + Sampling.Normal(random) * 12;
            double year = Math.Round(Math.Clamp(1995 + (genres.Contains(6) ? 10 : 0) - (genres.Contains(7) ? 25 : 0) + Sampling.Normal(random) * 15, 1930, 2024));
            examples.Add(new MultiFieldExample([title, plot, keywords, cast], [Math.Round(Math.Max(runtime, 60)), year], genres));
        }
        var signalWords = new Dictionary<string, int>();
        for (int g = 0; g < Genres.Count; g++)
            foreach (var w in SignalWordLists[g])
                signalWords[w] = g;
        return new MovieCorpus(new MultiFieldDataSet([TitleField, PlotField, KeywordsField, CastField], [Runtime, Year], Genres, examples), signalWords);
    }
}
