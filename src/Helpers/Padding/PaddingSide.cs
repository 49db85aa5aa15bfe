namespace NotebookCourse.Helpers.Padding;

/// <summary>Where pads go in a sequence shorter than the batch length (Keras <c>padding=</c>).</summary>
public enum PaddingSide
{
    /// <summary>Pads before the tokens: real tokens end at the last position (Keras' default).</summary>
    Pre,
    /// <summary>Pads after the tokens: real tokens start at position 0.</summary>
    Post,
}

/// <summary>Which end of a sequence longer than the batch length is cut (Keras <c>truncating=</c>).</summary>
public enum TruncatingSide
{
    /// <summary>Drop tokens from the start, keep the end (Keras' default).</summary>
    Pre,
    /// <summary>Drop tokens from the end, keep the start.</summary>
    Post,
}
