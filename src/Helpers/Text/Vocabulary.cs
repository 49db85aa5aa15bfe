namespace NotebookCourse.Helpers.Text;

/// <summary>
/// Word &lt;-&gt; id mapping with the conventions of Keras' <c>Tokenizer</c>: id 0 is reserved for padding, ids
/// follow descending frequency (ties keep first-seen order), an optional out-of-vocabulary token takes id 1,
/// and an optional cap keeps only ids below <see cref="MaxWords"/>.
/// </summary>
public sealed class Vocabulary
{
    public const int PadId = 0;
    public const string PadLabel = "<pad>";

    readonly Dictionary<string, int> wordIndex;
    readonly string[] indexWord; // position = id; [0] is the pad label

    Vocabulary(IReadOnlyList<(string Word, int Count)> ranked, int? maxWords, string? oovToken)
    {
        MaxWords = maxWords;
        OovToken = oovToken;
        // Keras: sorted_voc = [oov_token] + words by count; word_index = dict(zip(sorted_voc, 1, 2, ...)).
        var words = new List<string> { PadLabel };
        if (oovToken is not null)
            words.Add(oovToken);
        words.AddRange(ranked.Select(r => r.Word));
        indexWord = words.ToArray();
        wordIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int id = 1; id < indexWord.Length; id++)
            wordIndex[indexWord[id]] = id; // a later entry wins, as in a Python dict built from pairs
        Counts = ranked.ToDictionary(r => r.Word, r => r.Count, StringComparer.Ordinal);
    }

    /// <summary>Counts the words of tokenized documents and ranks them.</summary>
    /// <param name="maxWords">Keras' <c>num_words</c>: encoding keeps ids below it (so at most maxWords - 1 words, the OOV id included).</param>
    /// <param name="oovToken">
    /// Keras' <c>oov_token</c>: unknown or capped words become its id instead of being dropped. Its id is 1, unless the
    /// token also occurs in the texts: then, as in Keras, it is counted and ranked like a word, its id is that rank's
    /// (1 is left unused), and every word ranked after it moves up by one.
    /// </param>
    public static Vocabulary Fit(IEnumerable<IReadOnlyList<string>> documents, int? maxWords = null, string? oovToken = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (maxWords is < 1)
            throw new ArgumentOutOfRangeException(nameof(maxWords), $"maxWords must be at least 1 (id 0 is the pad), got {maxWords}.");
        if (oovToken is { Length: 0 } || oovToken == PadLabel)
            throw new ArgumentException($"oovToken must be a non-empty word other than '{PadLabel}', got '{oovToken}'.", nameof(oovToken));
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var document in documents)
            foreach (var word in document)
            {
                if (counts.TryGetValue(word, out int c))
                    counts[word] = c + 1;
                else
                {
                    counts[word] = 1;
                    order.Add(word);
                }
            }
        // OrderByDescending is stable: equal counts keep first-seen order, as Keras' sorted() does.
        var ranked = order.Select(w => (w, counts[w])).OrderByDescending(p => p.Item2).ToList();
        return new Vocabulary(ranked, maxWords, oovToken);
    }

    public int? MaxWords { get; }
    public string? OovToken { get; }
    /// <summary>The id unknown words get: 1, or the OOV token's rank when it occurs in the fitted texts (Keras' <c>word_index[oov_token]</c>).</summary>
    public int? OovId => OovToken is null ? null : wordIndex[OovToken];

    /// <summary>How often each word occurred when the vocabulary was fitted.</summary>
    public IReadOnlyDictionary<string, int> Counts { get; }

    /// <summary>Every word seen with its id (Keras' <c>word_index</c>; not limited by the cap).</summary>
    public IReadOnlyDictionary<string, int> WordIndex => wordIndex;

    /// <summary>The embedding table's row count: the cap when there is one, otherwise every id plus the pad.</summary>
    public int Size => MaxWords ?? indexWord.Length;

    /// <summary>A label for each id 0 .. Size - 1 (the pad row is <c>&lt;pad&gt;</c>), for tables and plots.</summary>
    public IReadOnlyList<string> Labels => Enumerable.Range(0, Size).Select(id => id < indexWord.Length ? indexWord[id] : $"<unused {id}>").ToArray();

    /// <summary>Ids of the words (Keras' <c>texts_to_sequences</c>): unknown or capped words become the OOV id, or are dropped without one.</summary>
    public int[] Encode(IEnumerable<string> words)
    {
        var ids = new List<int>();
        foreach (var word in words)
        {
            if (wordIndex.TryGetValue(word, out int id) && (MaxWords is null || id < MaxWords))
                ids.Add(id);
            else if (OovId is { } oov)
                ids.Add(oov);
        }
        return ids.ToArray();
    }

    public List<int[]> EncodeAll(IEnumerable<IReadOnlyList<string>> documents) => documents.Select(d => Encode(d)).ToList();

    /// <summary>Words of the ids; pad ids are dropped. An id outside the vocabulary is an error.</summary>
    public string[] Decode(IEnumerable<int> ids) =>
        ids.Where(id => id != PadId).Select(id => id > 0 && id < Math.Min(Size, indexWord.Length)
            ? indexWord[id]
            : throw new ArgumentOutOfRangeException(nameof(ids), $"Id {id} is outside this vocabulary (valid ids 1 to {Math.Min(Size, indexWord.Length) - 1}; 0 is the pad).")).ToArray();

    public string Word(int id) => Decode([id]) is [var word] ? word : PadLabel;
}
