namespace NotebookCourse.Helpers.Text;

/// <summary>
/// Splits text into words the way Keras' <c>text_to_word_sequence</c> does: optionally lowercase (as Python's
/// <c>str.lower</c>, see <see cref="PythonLowercase"/>), turn every filter character into a separator, split,
/// drop empty pieces. Filters are matched per Unicode code point, as in Python, so an emoji can be a filter.
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
            text = PythonLowercase.Lower(text);
        if (Filters.Length > 0)
        {
            var filters = Filters.EnumerateRunes().ToHashSet();
            var separated = new System.Text.StringBuilder(text.Length);
            foreach (var rune in text.EnumerateRunes())
            {
                if (filters.Contains(rune))
                    separated.Append(Separator);
                else
                    separated.Append(rune.ToString());
            }
            text = separated.ToString();
        }
        return text.Split(Separator, StringSplitOptions.RemoveEmptyEntries);
    }

    public List<string[]> TokenizeAll(IEnumerable<string> texts) => texts.Select(Tokenize).ToList();
}
