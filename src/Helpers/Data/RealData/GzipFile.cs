using System.IO.Compression;

namespace NotebookCourse.Helpers.Data.RealData;

/// <summary>Decompresses a .gz file and refuses a truncated or corrupt one.</summary>
public static class GzipFile
{
    /// <param name="label">Names the data set in error messages.</param>
    public static void Decompress(string gzip, string destination, string label)
    {
        long written;
        try
        {
            using var input = new GZipStream(File.OpenRead(gzip), CompressionMode.Decompress);
            using var output = File.Create(destination);
            input.CopyTo(output);
            written = output.Length;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new DataImportException($"{label}: {gzip} is truncated or corrupt ({e.Message}).", e);
        }
        // GZipStream ends quietly when the input is cut short; the trailer's size field (size mod 2^32) catches that.
        uint trailerSize = TrailerSize(gzip);
        if (trailerSize != (uint)written)
            throw new DataImportException($"{label}: {gzip} is truncated or corrupt (decompressed {written:N0} bytes; its gzip trailer says {trailerSize:N0}).");
    }

    /// <summary>The whole decompressed content, for files small enough to hold in memory; truncation is refused as above.</summary>
    public static byte[] ReadAllBytes(string gzip, string label)
    {
        var buffer = new MemoryStream();
        try
        {
            using var input = new GZipStream(File.OpenRead(gzip), CompressionMode.Decompress);
            input.CopyTo(buffer);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new DataImportException($"{label}: {gzip} is truncated or corrupt ({e.Message}).", e);
        }
        uint trailerSize = TrailerSize(gzip);
        if (trailerSize != (uint)buffer.Length)
            throw new DataImportException($"{label}: {gzip} is truncated or corrupt (decompressed {buffer.Length:N0} bytes; its gzip trailer says {trailerSize:N0}).");
        return buffer.ToArray();
    }

    static uint TrailerSize(string gzip)
    {
        using var file = File.OpenRead(gzip);
        if (file.Length < 18)
            return uint.MaxValue;
        file.Seek(-4, SeekOrigin.End);
        Span<byte> size = stackalloc byte[4];
        file.ReadExactly(size);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(size);
    }
}
