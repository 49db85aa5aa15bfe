namespace NotebookCourse.Helpers.Data.Synthetic;

/// <summary>
/// Lesson 3's embedded tagging corpus. Sentences mix background words (Zipf), names that are always entities,
/// and ambiguous words that are entities only right after a cue word ("met", "visited", ...), so a tagger needs
/// context. Lengths are long-tailed, so a padded batch is mostly pads, and about a tenth of the tokens are entities.
/// </summary>
public static class TaggingCorpus
{
    static readonly string[] Cues = ["met", "visited", "called", "joined", "from"];

    public static TaggedSentences Generate(int sentences, int seed, int medianLength = 12, int maxLength = 120)
    {
        if (sentences < 1)
            throw new ArgumentOutOfRangeException(nameof(sentences), $"sentences must be positive, got {sentences}.");
        if (medianLength < 2 || maxLength < medianLength)
            throw new ArgumentOutOfRangeException(nameof(medianLength), $"Need 2 <= medianLength <= maxLength; got {medianLength} and {maxLength}.");
        var random = new Random(seed);
        string[] background = Enumerable.Range(0, 1500).Select(i => "w" + TopicCorpus.WordFor(i)).ToArray();
        string[] names = Enumerable.Range(0, 150).Select(i => "N" + TopicCorpus.WordFor(i)).ToArray();
        string[] ambiguous = Enumerable.Range(0, 40).Select(i => "a" + TopicCorpus.WordFor(i)).ToArray();
        var zipf = background.Select((_, r) => 1.0 / (r + 1)).ToArray();
        double total = zipf.Sum(), running = 0;
        var cumulative = zipf.Select(w => running += w / total).ToArray();

        var tokens = new List<string[]>(sentences);
        var labels = new List<int[]>(sentences);
        for (int s = 0; s < sentences; s++)
        {
            double normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            int length = (int)Math.Clamp(Math.Round(medianLength * Math.Exp(0.8 * normal)), 2, maxLength);
            var words = new List<string>(length);
            var tags = new List<int>(length);
            while (words.Count < length)
            {
                double roll = random.NextDouble();
                if (roll < 0.05)
                {
                    words.Add(names[random.Next(names.Length)]);
                    tags.Add(1);
                }
                else if (roll < 0.10 && words.Count + 2 <= length)
                {
                    words.Add(Cues[random.Next(Cues.Length)]);
                    tags.Add(0);
                    words.Add(ambiguous[random.Next(ambiguous.Length)]);
                    tags.Add(1);
                }
                else if (roll < 0.14)
                {
                    words.Add(ambiguous[random.Next(ambiguous.Length)]);   // no cue: not an entity
                    tags.Add(0);
                }
                else
                {
                    int index = Array.BinarySearch(cumulative, random.NextDouble());
                    words.Add(background[Math.Min(index < 0 ? ~index : index, background.Length - 1)]);
                    tags.Add(0);
                }
            }
            tokens.Add(words.ToArray());
            labels.Add(tags.ToArray());
        }
        return new(tokens, labels);
    }
}
