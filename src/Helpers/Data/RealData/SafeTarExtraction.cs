using System.Formats.Tar;
using System.IO.Compression;

namespace NotebookCourse.Helpers.Data.RealData;

/// <summary>
/// Extracts a .tar or .tar.gz into a folder, refusing any entry whose path would land outside it and any
/// link entry (a link could point anywhere). A truncated or corrupt archive is reported as such.
/// </summary>
public static class SafeTarExtraction
{
    public static void Extract(string archive, string destination)
    {
        string root = Path.GetFullPath(destination);
        string rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        try
        {
            using var file = File.OpenRead(archive);
            using Stream content = IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var reader = new TarReader(content);
            while (reader.GetNextEntry() is { } entry)
            {
                string target = Path.GetFullPath(Path.Combine(root, entry.Name));
                if (!target.StartsWith(rootWithSeparator, StringComparison.Ordinal) && target != root)
                    throw new DataImportException($"Refusing archive {archive}: entry '{entry.Name}' would be written outside the target folder.");
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(target);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                        using (var output = File.Create(target))
                            entry.DataStream?.CopyTo(output);
                        break;
                    case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                        throw new DataImportException($"Refusing archive {archive}: entry '{entry.Name}' is a link ({entry.EntryType}); the data sets contain plain files only.");
                    default:
                        break; // pax/GNU metadata entries carry no file
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or ArgumentException)
        {
            throw new DataImportException($"The archive {archive} is truncated or corrupt ({e.GetType().Name}: {e.Message}).", e);
        }
    }

    static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        int read = file.Read(magic);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }
}
