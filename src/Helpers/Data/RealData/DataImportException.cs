namespace NotebookCourse.Helpers.Data.RealData;

/// <summary>An import that was refused or failed; nothing was written to the target folder.</summary>
public sealed class DataImportException(string message, Exception? inner = null) : Exception(message, inner);
