namespace NotebookCourse.Helpers.Lessons;

/// <summary>A lesson's claim that its own numbers did not bear out.</summary>
public sealed class ClaimFailedException(string claim, string? evidence)
    : Exception($"Claim does not hold: {claim}{(evidence is null ? "" : $" (evidence: {evidence})")}")
{
    public string Claim { get; } = claim;
    public string? Evidence { get; } = evidence;
}

/// <summary>
/// The check cells of a lesson: each claim is stated, computed and checked. A claim that does not hold
/// throws, which stops the lesson and fails a headless run (and so the test suite).
/// </summary>
public static class Claim
{
    /// <summary>Returns "✔ claim (evidence)" for display when <paramref name="holds"/>; throws otherwise.</summary>
    public static string That(string claim, bool holds, string? evidence = null)
    {
        if (string.IsNullOrWhiteSpace(claim))
            throw new ArgumentException("State the claim being checked.", nameof(claim));
        if (!holds)
            throw new ClaimFailedException(claim, evidence);
        return evidence is null ? $"✔ {claim}" : $"✔ {claim} ({evidence})";
    }

    /// <summary>
    /// For findings on data the lesson was not designed around (a real data set): reports whether the run bore
    /// the statement out, without stopping the lesson. "✔ statement (evidence)" or "✘ not shown by this run: ...".
    /// </summary>
    public static string Observed(string statement, bool holds, string? evidence = null)
    {
        if (string.IsNullOrWhiteSpace(statement))
            throw new ArgumentException("State the finding being checked.", nameof(statement));
        string detail = evidence is null ? "" : $" ({evidence})";
        return holds ? $"✔ {statement}{detail}" : $"✘ not shown by this run: {statement}{detail}";
    }

    /// <summary><see cref="That"/> when <paramref name="required"/>, else <see cref="Observed"/>.</summary>
    public static string Check(bool required, string claim, bool holds, string? evidence = null) =>
        required ? That(claim, holds, evidence) : Observed(claim, holds, evidence);
}
