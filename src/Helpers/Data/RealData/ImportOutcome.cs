namespace NotebookCourse.Helpers.Data.RealData;

/// <summary>What an import did.</summary>
/// <param name="Folder">Where the data set is now.</param>
/// <param name="AlreadyPresent">True when a valid copy was already there and nothing was written.</param>
/// <param name="Summary">One line for the learner: counts and how the input was verified.</param>
public sealed record ImportOutcome(string Folder, bool AlreadyPresent, string Summary);
