namespace NotebookCourse.Helpers.Data.Synthetic;

/// <summary>The knobs of <see cref="TopicCorpus"/>; the defaults make most positions of a padded batch pads.</summary>
public sealed record TopicCorpusOptions
{
    public int Documents { get; init; } = 3000;
    public int Classes { get; init; } = 5;
    public int VocabularySize { get; init; } = 5000;

    /// <summary>Exponent of the Zipf law of the background words (rank r has weight 1 / r^s).</summary>
    public double ZipfExponent { get; init; } = 1.1;

    /// <summary>Words reserved for each class's topic.</summary>
    public int TopicWordsPerClass { get; init; } = 40;

    /// <summary>Share of a document's tokens drawn from its class's topic words; the rest is background shared by all classes.</summary>
    public double TopicShare { get; init; } = 0.12;

    /// <summary>Median document length; lengths are log-normal, so a few documents are many times longer.</summary>
    public int MedianLength { get; init; } = 40;

    /// <summary>Spread of log-length: 1.0 gives a 90th percentile about 3.6 times the median.</summary>
    public double LengthSpread { get; init; } = 1.0;

    public int MinLength { get; init; } = 3;
    public int MaxLength { get; init; } = 2000;
    public int Seed { get; init; } = 42;

    internal void Validate()
    {
        if (Documents < 1 || Classes < 2 || VocabularySize < Classes * TopicWordsPerClass + 10 || TopicWordsPerClass < 1)
            throw new ArgumentOutOfRangeException(nameof(VocabularySize),
                $"Need Documents >= 1, Classes >= 2, TopicWordsPerClass >= 1 and VocabularySize >= Classes * TopicWordsPerClass + 10; got {Documents}, {Classes}, {TopicWordsPerClass}, {VocabularySize}.");
        if (TopicShare is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(TopicShare), $"TopicShare must be in (0, 1), got {TopicShare}.");
        if (MinLength < 1 || MaxLength < MinLength || MedianLength < MinLength || MedianLength > MaxLength)
            throw new ArgumentOutOfRangeException(nameof(MedianLength), $"Need 1 <= MinLength <= MedianLength <= MaxLength; got {MinLength}, {MedianLength}, {MaxLength}.");
    }
}

/// <summary>
/// Lesson 2's embedded corpus: documents whose class shows only through which topic words they contain, among
/// Zipf-distributed background words shared by every class. Lengths are long-tailed and independent of the
/// class, as in forum posts: padded to a length that fits the long documents, most positions are pads, and
/// the number of pads says nothing about the class.
/// </summary>
public static class TopicCorpus
{
    static readonly string[] Syllables = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "de", "ga", "vu", "zo", "be", "fi", "ha", "ju"];

    /// <summary>A pronounceable, unique word for every index.</summary>
    public static string WordFor(int index)
    {
        var word = new System.Text.StringBuilder();
        int n = index;
        do
        {
            word.Append(Syllables[n % Syllables.Length]);
            n /= Syllables.Length;
        } while (n > 0);
        return word.ToString();
    }

    public static LabelledTexts Generate(TopicCorpusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var random = new Random(options.Seed);
        // Topic words come from the middle of the frequency ranks, disjoint per class; the rest is background.
        int topicStart = options.VocabularySize / 10;
        var topics = Enumerable.Range(0, options.Classes)
            .Select(c => Enumerable.Range(topicStart + c * options.TopicWordsPerClass, options.TopicWordsPerClass).ToArray()).ToArray();
        var topicWords = topics.SelectMany(t => t).ToHashSet();
        var background = Enumerable.Range(0, options.VocabularySize).Where(i => !topicWords.Contains(i)).ToArray();
        var backgroundCumulative = Sampling.Cumulative(background.Select((_, rank) => 1.0 / Math.Pow(rank + 1, options.ZipfExponent)));
        var topicCumulative = Sampling.Cumulative(Enumerable.Range(0, options.TopicWordsPerClass).Select(rank => 1.0 / Math.Pow(rank + 1, 0.5)));

        var texts = new List<string>(options.Documents);
        var labels = new List<int>(options.Documents);
        var words = new List<string>();
        for (int d = 0; d < options.Documents; d++)
        {
            int label = random.Next(options.Classes);
            int length = Length(random, options);
            words.Clear();
            for (int t = 0; t < length; t++)
            {
                int index = random.NextDouble() < options.TopicShare
                    ? topics[label][Sampling.Draw(random, topicCumulative)]
                    : background[Sampling.Draw(random, backgroundCumulative)];
                words.Add(WordFor(index));
            }
            texts.Add(string.Join(' ', words));
            labels.Add(label);
        }
        return new(texts, labels, Enumerable.Range(0, options.Classes).Select(c => $"topic {c}").ToArray());
    }

    static int Length(Random random, TopicCorpusOptions options) =>
        Sampling.LogNormalLength(random, options.MedianLength, options.LengthSpread, options.MinLength, options.MaxLength);
}
