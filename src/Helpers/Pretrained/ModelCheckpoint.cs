using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Pretrained;

/// <summary>
/// A model's weights in a file, and the content hash of the shared table it was trained with in a file beside it
/// (<c>.table</c>). Loading checks that the same table is supplied, so a checkpoint without its table cannot be
/// paired with the wrong one by mistake.
/// </summary>
public static class ModelCheckpoint
{
    public static void Save(nn.Module model, string path, SharedVectorTable? table = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        model.save(path);
        string tableFile = path + ".table";
        if (table is null)
            File.Delete(tableFile);
        else
            File.WriteAllText(tableFile, table.Hash);
    }

    public static void Load(nn.Module model, string path, SharedVectorTable? table = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"No checkpoint at '{path}'.", path);
        string tableFile = path + ".table";
        string? recorded = File.Exists(tableFile) ? File.ReadAllText(tableFile).Trim() : null;
        if (recorded is not null && table is null)
            throw new ArgumentException($"'{path}' was saved without its table (content hash {recorded}); supply that SharedVectorTable to load it.", nameof(table));
        if (recorded is not null && recorded != table!.Hash)
            throw new ArgumentException($"'{path}' was trained with the table {recorded}; the table supplied ({table.Path}) is {table.Hash}.", nameof(table));
        if (recorded is null && table is not null)
            throw new ArgumentException($"'{path}' records no shared table, but one was supplied ({table.Path}).", nameof(table));
        model.load(path);
    }
}
