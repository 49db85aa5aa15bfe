using System.Security.Cryptography;

namespace NotebookCourse.Helpers.Pretrained;

/// <summary>A content hash of a table (its shape and every value), to tell whether a checkpoint was made with it.</summary>
public static class TableHash
{
    public static string Of(ReadOnlySpan<float> values, int rows, int dimension)
    {
        if (rows < 0 || dimension < 1 || values.Length != (long)rows * dimension)
            throw new ArgumentException($"values must hold rows x dimension numbers: {rows} x {dimension} = {(long)rows * dimension}, got {values.Length}.", nameof(values));
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> shape = stackalloc byte[8];
        BitConverter.TryWriteBytes(shape[..4], rows);
        BitConverter.TryWriteBytes(shape[4..], dimension);
        sha.AppendData(shape);
        sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
