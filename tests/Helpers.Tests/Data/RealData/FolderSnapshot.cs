namespace NotebookCourse.Helpers.Tests.Data.RealData;

/// <summary>Every file under a folder with its content, to prove a failed import changed nothing.</summary>
sealed record FolderSnapshot(IReadOnlyList<string> Entries)
{
    public static FolderSnapshot Of(string folder) =>
        new(Directory.Exists(folder)
            ? Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Select(e => Path.GetRelativePath(folder, e) + (File.Exists(e) ? ":" + Convert.ToHexString(File.ReadAllBytes(e)) : "/")).ToArray()
            : ["(absent)"]);

    public bool Equals(FolderSnapshot? other) => other is not null && Entries.SequenceEqual(other.Entries);
    public override int GetHashCode() => Entries.Count;
}
