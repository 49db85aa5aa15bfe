namespace NotebookCourse.Helpers.Data;

/// <summary>Sentences as tokens with a 0/1 label per token (1 = part of an entity).</summary>
public sealed record TaggedSentences(IReadOnlyList<string[]> Tokens, IReadOnlyList<int[]> Labels)
{
    public int Count => Tokens.Count;

    public TaggedSentences Take(IEnumerable<int> indices)
    {
        var list = indices.ToList();
        return new(list.Select(i => Tokens[i]).ToList(), list.Select(i => Labels[i]).ToList());
    }
}
