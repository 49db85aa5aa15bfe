namespace NotebookCourse.Course.Execution;

/// <summary>Why a cell stopped the run: where, and what was wrong.</summary>
/// <param name="Kind">"compile error", "exception", "timeout" or "directive".</param>
/// <param name="Line">1-based line within the cell, when known.</param>
/// <param name="ErrorName">The exception type or diagnostic id.</param>
/// <param name="Details">Every error line (all diagnostics, or the stack trace).</param>
public sealed record CellFailure(string Kind, int? Line, string ErrorName, string Message, IReadOnlyList<string> Details);
