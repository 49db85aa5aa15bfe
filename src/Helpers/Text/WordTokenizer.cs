namespace NotebookCourse.Helpers.Text;

/// <summary>
/// Splits text into words the way Keras' <c>text_to_word_sequence</c> does: optionally lowercase, turn every
/// filter character into a separator, split, drop empty pieces.
/// </summary>
public sealed record WordTokenizer
{
    /// <summary>Keras' default filters: punctuation, tab and newline (the apostrophe is kept).</summary>
    public const string KerasFilters = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";

    public bool Lowercase { get; init; } = true;

    /// <summary>Characters treated as separators (punctuation handling); empty keeps punctuation attached to words.</summary>
    public string Filters { get; init; } = KerasFilters;

    public char Separator { get; init; } = ' ';

    public string[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Lowercase)
            text = text.ToLowerInvariant();
        if (Filters.Length > 0)
        {
            var chars = text.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
                if (Filters.Contains(chars[i]))
                    chars[i] = Separator;
            text = new string(chars);
        }
        return text.Split(Separator, StringSplitOptions.RemoveEmptyEntries);
    }

    public List<string[]> TokenizeAll(IEnumerable<string> texts) => texts.Select(Tokenize).ToList();
}
