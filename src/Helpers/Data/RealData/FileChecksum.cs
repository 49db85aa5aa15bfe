using System.Security.Cryptography;

namespace NotebookCourse.Helpers.Data.RealData;

/// <summary>SHA-256 of a file, as lower-case hex (the form <c>sha256sum</c> prints).</summary>
public static class FileChecksum
{
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Throws when the file's SHA-256 is not the published one.</summary>
    public static void Verify(string path, string expectedSha256, string source)
    {
        string actual = Sha256(path);
        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
            throw new DataImportException(
                $"Checksum mismatch for {source}: SHA-256 is {actual}, expected {expectedSha256}. " +
                "The download is damaged or the source changed; nothing was imported.");
    }
}
