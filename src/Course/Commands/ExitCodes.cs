namespace NotebookCourse.Course.Commands;

public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>A cell failed (or doctor found a FAIL).</summary>
    public const int CellFailed = 1;
    /// <summary>Usage or input error: missing file, invalid notebook JSON, bad parameter.</summary>
    public const int InputError = 2;
}
