using System.Text;

namespace NotebookCourse.Helpers.Text;

/// <summary>
/// Preprocessing before tokenizing, as in the original 20 Newsgroups question: lowercase, then punctuation and
/// digits become spaces, then stop words are dropped. Returns space-separated words.
/// </summary>
public sealed record TextCleaner
{
    public bool Lowercase { get; init; } = true;
    public bool RemovePunctuation { get; init; } = true;
    public bool RemoveDigits { get; init; } = true;
    public IReadOnlySet<string>? StopWords { get; init; } = EnglishStopWords.All;

    public string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = new StringBuilder(text.Length);
        foreach (char c in Lowercase ? text.ToLowerInvariant() : text)
        {
            bool drop = char.IsWhiteSpace(c)
                        || (RemoveDigits && char.IsDigit(c))
                        || (RemovePunctuation && (char.IsPunctuation(c) || char.IsSymbol(c)));
            buffer.Append(drop ? ' ' : c);
        }
        var words = buffer.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', StopWords is null ? words : words.Where(w => !StopWords.Contains(w)));
    }
}
