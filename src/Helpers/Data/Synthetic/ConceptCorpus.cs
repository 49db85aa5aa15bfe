namespace NotebookCourse.Helpers.Data.Synthetic;

/// <summary>The knobs of <see cref="ConceptCorpus"/>.</summary>
public sealed record ConceptCorpusOptions
{
    public int Classes { get; init; } = 4;

    /// <summary>Words that belong to each class's concept; many, so that few labelled documents leave most of them unseen.</summary>
    public int WordsPerClass { get; init; } = 100;

    /// <summary>Class-neutral words, Zipf-distributed, shared by every document.</summary>
    public int BackgroundWords { get; init; } = 1500;

    /// <summary>Capitalised names that occur only in the labelled documents, so the pre-trained vectors lack them.</summary>
    public int Names { get; init; } = 150;

    /// <summary>Share of a document's tokens drawn from its concept's words.</summary>
    public double ConceptShare { get; init; } = 0.2;

    /// <summary>Share of a labelled document's tokens that are names.</summary>
    public double NameShare { get; init; } = 0.03;

    public int UnlabelledDocuments { get; init; } = 8000;
    public int LabelledDocuments { get; init; } = 2000;
    public int MedianLength { get; init; } = 30;
    public int MaxLength { get; init; } = 300;
    public int Seed { get; init; } = 42;

    internal void Validate()
    {
        if (Classes < 2 || WordsPerClass < 2 || BackgroundWords < 10 || Names < 0)
            throw new ArgumentOutOfRangeException(nameof(Classes), $"Need Classes >= 2, WordsPerClass >= 2, BackgroundWords >= 10 and Names >= 0; got {Classes}, {WordsPerClass}, {BackgroundWords}, {Names}.");
        if (ConceptShare is <= 0 or >= 1 || NameShare is < 0 or >= 1 || ConceptShare + NameShare >= 1)
            throw new ArgumentOutOfRangeException(nameof(ConceptShare), $"ConceptShare must be in (0, 1), NameShare in [0, 1) and their sum below 1; got {ConceptShare} and {NameShare}.");
        if (UnlabelledDocuments < 1 || LabelledDocuments < 2)
            throw new ArgumentOutOfRangeException(nameof(LabelledDocuments), $"Need UnlabelledDocuments >= 1 and LabelledDocuments >= 2; got {UnlabelledDocuments} and {LabelledDocuments}.");
        if (MedianLength < 3 || MaxLength < MedianLength)
            throw new ArgumentOutOfRangeException(nameof(MedianLength), $"Need 3 <= MedianLength <= MaxLength; got {MedianLength} and {MaxLength}.");
    }
}

/// <summary>
/// Lesson 4's embedded data: a large unlabelled corpus to pre-train word vectors on, and a smaller labelled task.
/// Each document is about one hidden concept: a share of its words come from that concept's word list, the rest are
/// background words every concept shares. In the labelled task the concept is the class. Word co-occurrence in the
/// unlabelled text is all a word2vec-style objective sees, and words of one concept co-occur, so their vectors end up
/// close; a classifier trained on few labels can then recognise a concept word it never saw labelled. Labelled texts
/// are written as sentences (first word capitalised) and contain names absent from the unlabelled text: the casing and
/// coverage questions of real pre-trained vectors.
/// </summary>
public sealed class ConceptCorpus
{
    ConceptCorpus(IReadOnlyList<string> unlabelled, LabelledTexts labelled, IReadOnlyDictionary<string, int> conceptOfWord, IReadOnlyList<string> names)
    {
        Unlabelled = unlabelled;
        Labelled = labelled;
        ConceptOfWord = conceptOfWord;
        Names = names;
    }

    /// <summary>Lowercase text without labels, for pre-training.</summary>
    public IReadOnlyList<string> Unlabelled { get; }

    /// <summary>The classification task: sentences with capitals and names; the label is the document's concept.</summary>
    public LabelledTexts Labelled { get; }

    /// <summary>Each concept word (lowercase) and its class: the ground truth a neighbour check can use.</summary>
    public IReadOnlyDictionary<string, int> ConceptOfWord { get; }

    /// <summary>The names (capitalised as written), which only the labelled texts contain.</summary>
    public IReadOnlyList<string> Names { get; }

    public static ConceptCorpus Generate(ConceptCorpusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var random = new Random(options.Seed);
        // Disjoint word indices: background first, then each concept's words, then the names.
        var background = Enumerable.Range(0, options.BackgroundWords).Select(TopicCorpus.WordFor).ToArray();
        var concepts = Enumerable.Range(0, options.Classes)
            .Select(c => Enumerable.Range(options.BackgroundWords + c * options.WordsPerClass, options.WordsPerClass).Select(TopicCorpus.WordFor).ToArray())
            .ToArray();
        int nameStart = options.BackgroundWords + options.Classes * options.WordsPerClass;
        var names = Enumerable.Range(nameStart, options.Names).Select(i => Capitalise(TopicCorpus.WordFor(i))).ToArray();
        var backgroundCumulative = Sampling.Zipf(background.Length, 1.0);
        var conceptCumulative = Sampling.Zipf(options.WordsPerClass, 0.3);

        IEnumerable<string> Words(int concept, int length, double nameShare)
        {
            for (int t = 0; t < length; t++)
            {
                double u = random.NextDouble();
                yield return u < options.ConceptShare ? concepts[concept][Sampling.Draw(random, conceptCumulative)]
                    : u < options.ConceptShare + nameShare ? names[random.Next(names.Length)]
                    : background[Sampling.Draw(random, backgroundCumulative)];
            }
        }

        var unlabelled = new List<string>(options.UnlabelledDocuments);
        for (int d = 0; d < options.UnlabelledDocuments; d++)
            unlabelled.Add(string.Join(' ', Words(random.Next(options.Classes), Length(random, options), 0)));

        var texts = new List<string>(options.LabelledDocuments);
        var labels = new List<int>(options.LabelledDocuments);
        for (int d = 0; d < options.LabelledDocuments; d++)
        {
            int label = random.Next(options.Classes);
            texts.Add(Sentences(Words(label, Length(random, options), names.Length == 0 ? 0 : options.NameShare).ToList(), random));
            labels.Add(label);
        }
        var conceptOfWord = new Dictionary<string, int>();
        for (int c = 0; c < concepts.Length; c++)
            foreach (var word in concepts[c])
                conceptOfWord[word] = c;
        return new ConceptCorpus(unlabelled, new LabelledTexts(texts, labels, Enumerable.Range(0, options.Classes).Select(c => $"concept {c}").ToArray()),
            conceptOfWord, names);
    }

    // Sentences of 6 to 14 words, each starting with a capital and ending with a full stop.
    static string Sentences(List<string> words, Random random)
    {
        var text = new System.Text.StringBuilder();
        int i = 0;
        while (i < words.Count)
        {
            int length = Math.Min(random.Next(6, 15), words.Count - i);
            for (int k = 0; k < length; k++)
            {
                if (text.Length > 0)
                    text.Append(' ');
                text.Append(k == 0 ? Capitalise(words[i + k]) : words[i + k]);
            }
            text.Append('.');
            i += length;
        }
        return text.ToString();
    }

    static string Capitalise(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];

    static int Length(Random random, ConceptCorpusOptions options) => Sampling.LogNormalLength(random, options.MedianLength, 0.5, 3, options.MaxLength);
}
