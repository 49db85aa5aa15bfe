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
}
