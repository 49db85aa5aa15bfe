namespace NotebookCourse.Helpers.Tagging;

/// <summary>Per-token targets are padded with this value, so the loss and metrics can tell pads from tokens labelled 0.</summary>
public static class TokenLabels
{
    public const int Pad = -1;
}
