namespace NotebookCourse.Helpers.Data.RealData;

/// <summary>
/// A temporary folder beside the target, on the same file system, that becomes the target only once it
/// is complete and validated. Until <see cref="Commit"/> the target is untouched; disposing without
/// committing removes the staging folder.
/// </summary>
public sealed class StagedImport : IDisposable
{
    readonly string target;

    public StagedImport(string target)
    {
        this.target = Path.GetFullPath(target);
        string parent = Path.GetDirectoryName(this.target)!;
        Directory.CreateDirectory(parent);
        Folder = Path.Combine(parent, $".staging-{Path.GetFileName(this.target)}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
    }

    /// <summary>Where the import is assembled.</summary>
    public string Folder { get; }

    /// <summary>A scratch file path inside the staging folder (for downloads).</summary>
    public string ScratchFile(string name) => Path.Combine(Folder, ".download-" + name);

    /// <summary>Moves <paramref name="completed"/> (the staging folder or a folder inside it) into place, replacing an older copy.</summary>
    public void Commit(string completed)
    {
        string previous = target + $".previous-{Guid.NewGuid():N}";
        bool hadPrevious = Directory.Exists(target);
        if (hadPrevious)
            Directory.Move(target, previous);
        try
        {
            Directory.Move(completed, target);
        }
        catch
        {
            if (hadPrevious)
                Directory.Move(previous, target);
            throw;
        }
        if (hadPrevious)
            Directory.Delete(previous, recursive: true);
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
    }
}
