using NotebookCourse.Helpers.Data;

namespace NotebookCourse.Helpers.Data.Synthetic;

/// <summary>
/// Lesson 1's tiny task: fixed-length sentences from twelve words in three roles. The label is which of
/// the positive or negative words is in the majority; neutral words carry no signal. Only training can
/// tell the model which words share a role, so the trained table should place them together.
/// </summary>
public static class WordRoleCorpus
{
    public static IReadOnlyList<string> Positive { get; } = ["good", "great", "happy", "love"];
    public static IReadOnlyList<string> Negative { get; } = ["bad", "awful", "sad", "hate"];
    public static IReadOnlyList<string> Neutral { get; } = ["the", "movie", "was", "plot"];

    /// <summary>"positive", "negative" or "neutral".</summary>
    public static string RoleOf(string word) =>
        Positive.Contains(word) ? "positive" : Negative.Contains(word) ? "negative" : Neutral.Contains(word) ? "neutral"
            : throw new ArgumentException($"'{word}' is not one of the corpus' twelve words.", nameof(word));

    public static LabelledTexts Generate(int count, int length, int seed)
    {
        if (count < 1)
            throw new ArgumentOutOfRangeException(nameof(count), $"count must be positive, got {count}.");
        if (length < 1)
            throw new ArgumentOutOfRangeException(nameof(length), $"length must be positive, got {length}.");
        var random = new Random(seed);
        string[] words = [.. Positive, .. Negative, .. Neutral];
        var texts = new List<string>(count);
        var labels = new List<int>(count);
        while (texts.Count < count)
        {
            var sentence = Enumerable.Range(0, length).Select(_ => words[random.Next(words.Length)]).ToArray();
            int balance = sentence.Count(Positive.Contains) - sentence.Count(Negative.Contains);
            if (balance == 0)
                continue; // no majority, no label
            texts.Add(string.Join(' ', sentence));
            labels.Add(balance > 0 ? 1 : 0);
        }
        return new(texts, labels, ["negative", "positive"]);
    }
}
