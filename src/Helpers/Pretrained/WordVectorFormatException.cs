namespace NotebookCourse.Helpers.Pretrained;

/// <summary>A word-vector file that cannot be read as one: the message names the file and the line.</summary>
public sealed class WordVectorFormatException(string message) : Exception(message);
