namespace NotebookCourse.Helpers.Pretrained;

/// <summary>
/// Pre-trained word vectors as read from a file: the words in file order (GloVe lists them by corpus frequency)
/// and one row of <see cref="Dimension"/> numbers per word, stored in one array.
/// </summary>
public sealed class WordVectors
{
    readonly Dictionary<string, int> index;
    readonly float[] values;

    internal WordVectors(List<string> words, float[] values, int dimension, string source)
    {
        Words = words;
        this.values = values;
        Dimension = dimension;
        Source = source;
        index = new Dictionary<string, int>(words.Count, StringComparer.Ordinal);
        for (int i = 0; i < words.Count; i++)
            index[words[i]] = i;
    }

    public IReadOnlyList<string> Words { get; }
    public int Dimension { get; }
    public int Count => Words.Count;

    /// <summary>Where the vectors came from (a file path), for messages.</summary>
    public string Source { get; }

    public bool Contains(string word) => index.ContainsKey(word);

    /// <summary>The word's vector, or null when the file has no such word.</summary>
    public ReadOnlySpan<float> this[string word] => index.TryGetValue(word, out int row) ? Row(row) : ReadOnlySpan<float>.Empty;

    public bool TryGetRow(string word, out int row) => index.TryGetValue(word, out row);

    /// <summary>All vectors, row after row, as stored (no copy): for building one table tensor at once.</summary>
    internal float[] Values => values;

    public ReadOnlySpan<float> Row(int row)
    {
        if (row < 0 || row >= Count)
            throw new ArgumentOutOfRangeException(nameof(row), $"row must be in [0, {Count}); got {row}.");
        return values.AsSpan(row * Dimension, Dimension);
    }
}
