using System.Text.Json;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Pretrained;

/// <summary>
/// One aligned table for many models in one process: the numbers in one binary file (float32, row after row), with a
/// small description beside it (<c>.json</c>: rows, dimension, content hash). <see cref="Open"/> maps the file into
/// memory once; every <see cref="SharedTableEmbedding"/> built on it reads that one mapping, without a copy.
/// </summary>
public sealed class SharedVectorTable : IDisposable
{
    sealed record Description(int Rows, int Dimension, string Hash);

    SharedVectorTable(Tensor table, string path, Description description)
    {
        Tensor = table;
        Path = path;
        Rows = description.Rows;
        Dimension = description.Dimension;
        Hash = description.Hash;
    }

    /// <summary>The (rows, dimension) table, mapped from the file; it never requires gradient.</summary>
    public Tensor Tensor { get; }
    public string Path { get; }
    public int Rows { get; }
    public int Dimension { get; }

    /// <summary>The content hash of the table (<see cref="TableHash"/>), which checkpoints record.</summary>
    public string Hash { get; }

    public long Bytes => (long)Rows * Dimension * sizeof(float);

    /// <summary>Writes the table and its description (<paramref name="path"/> and <paramref name="path"/>.json).</summary>
    public static void Save(AlignedVectors vectors, string path)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using (var file = File.Create(path))
            file.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vectors.Values.AsSpan()));
        var description = new Description(vectors.Rows, vectors.Dimension, TableHash.Of(vectors.Values, vectors.Rows, vectors.Dimension));
        File.WriteAllText(path + ".json", JsonSerializer.Serialize(description));
    }

    /// <summary>Maps a saved table into memory; its size is checked against the description, and with <paramref name="verifyHash"/> its content too.</summary>
    public static SharedVectorTable Open(string path, bool verifyHash = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path) || !File.Exists(path + ".json"))
            throw new FileNotFoundException($"A shared table needs '{path}' and its description '{path}.json'; write them with SharedVectorTable.Save.", path);
        var description = JsonSerializer.Deserialize<Description>(File.ReadAllText(path + ".json"))
                          ?? throw new InvalidDataException($"'{path}.json' does not describe a table.");
        long expected = (long)description.Rows * description.Dimension * sizeof(float);
        long actual = new FileInfo(path).Length;
        if (description.Rows < 1 || description.Dimension < 1 || actual != expected)
            throw new InvalidDataException($"'{path}' has {actual:N0} bytes; its description ({description.Rows} x {description.Dimension} float32) needs {expected:N0}.");
        // Not shared with the file: the mapping is never written, and a write could not reach the file.
        var table = from_file(path, shared: false, size: (long)description.Rows * description.Dimension, dtype: ScalarType.Float32)
            .view(description.Rows, description.Dimension);
        if (verifyHash)
        {
            string hash = TableHash.Of(table.data<float>().ToArray(), description.Rows, description.Dimension);
            if (hash != description.Hash)
            {
                table.Dispose();
                throw new InvalidDataException($"'{path}' does not hold the table its description names: content hash {hash}, described {description.Hash}.");
            }
        }
        return new SharedVectorTable(table, System.IO.Path.GetFullPath(path), description);
    }

    public void Dispose() => Tensor.Dispose();
}
