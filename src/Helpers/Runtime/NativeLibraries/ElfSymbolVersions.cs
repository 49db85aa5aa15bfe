using System.Buffers.Binary;
using System.Text;

namespace NotebookCourse.Helpers.Runtime.NativeLibraries;

/// <summary>A symbol version that a shared library requires from one of its dependencies.</summary>
/// <param name="File">The dependency, e.g. <c>libstdc++.so.6</c>.</param>
/// <param name="Version">The version name, e.g. <c>GLIBCXX_3.4.32</c>.</param>
/// <param name="Flags">The <c>vna_flags</c> field; bit 0x2 is <c>VER_FLG_WEAK</c>.</param>
/// <param name="FlagsOffset">File offset of <c>vna_flags</c>, so it can be edited in place.</param>
public sealed record VersionRequirement(string File, string Version, ushort Flags, long FlagsOffset)
{
    /// <summary>A weak requirement lets the library load where the dependency lacks this version.</summary>
    public bool IsWeak => (Flags & ElfSymbolVersions.WeakFlag) != 0;
}

/// <summary>
/// Reads and edits the GNU symbol-version sections (<c>.gnu.version_r</c>, <c>.gnu.version_d</c>) of
/// 64-bit little-endian ELF shared libraries, the format of every Linux x64 native library TorchSharp ships.
/// </summary>
public static class ElfSymbolVersions
{
    /// <summary><c>VER_FLG_WEAK</c>: a missing version is not an error for the dynamic loader.</summary>
    public const ushort WeakFlag = 0x2;

    const uint SectionTypeVersionNeeds = 0x6ffffffe;
    const uint SectionTypeVersionDefinitions = 0x6ffffffd;

    /// <summary>The versions <paramref name="path"/> requires from its dependencies, in file order.</summary>
    public static IReadOnlyList<VersionRequirement> ReadRequirements(string path)
    {
        var image = ReadElf(path);
        var result = new List<VersionRequirement>();
        foreach (var section in Sections(image, path).Where(s => s.Type == SectionTypeVersionNeeds))
        {
            var strings = Sections(image, path)[checked((int)section.Link)];
            long entry = section.Offset;
            for (uint i = 0; i < section.Info; i++)
            {
                ushort count = U16(image, entry + 2, path);
                string file = CString(image, strings.Offset + U32(image, entry + 4, path), path);
                long aux = entry + U32(image, entry + 8, path);
                for (int j = 0; j < count; j++)
                {
                    ushort flags = U16(image, aux + 4, path);
                    string version = CString(image, strings.Offset + U32(image, aux + 8, path), path);
                    result.Add(new VersionRequirement(file, version, flags, aux + 4));
                    aux += U32(image, aux + 12, path);
                }
                entry += U32(image, entry + 12, path);
            }
        }
        return result;
    }

    /// <summary>The version names <paramref name="path"/> defines (what it offers to libraries that need it).</summary>
    public static IReadOnlyList<string> ReadDefinitions(string path)
    {
        var image = ReadElf(path);
        var result = new List<string>();
        foreach (var section in Sections(image, path).Where(s => s.Type == SectionTypeVersionDefinitions))
        {
            var strings = Sections(image, path)[checked((int)section.Link)];
            long entry = section.Offset;
            for (uint i = 0; i < section.Info; i++)
            {
                long aux = entry + U32(image, entry + 12, path);
                result.Add(CString(image, strings.Offset + U32(image, aux, path), path));
                entry += U32(image, entry + 16, path);
            }
        }
        return result;
    }

    /// <summary>
    /// Marks the requirement for <paramref name="version"/> weak. Returns false, changing nothing, when
    /// the library does not require that version or the requirement is weak already. The file is
    /// replaced atomically, with its permissions and modification time kept.
    /// </summary>
    public static bool MarkRequirementWeak(string path, string version)
    {
        var targets = ReadRequirements(path).Where(r => r.Version == version && !r.IsWeak).ToList();
        if (targets.Count == 0)
            return false;

        var image = File.ReadAllBytes(path);
        foreach (var requirement in targets)
            BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan((int)requirement.FlagsOffset), (ushort)(requirement.Flags | WeakFlag));

        // A new file rather than an edit in place: the output copy may be a hard link into the NuGet cache.
        string temporary = path + ".weak-version.tmp";
        File.WriteAllBytes(temporary, image);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
        // Keeping the time stamp lets incremental builds see the copy as up to date.
        File.SetLastWriteTimeUtc(temporary, File.GetLastWriteTimeUtc(path));
        File.Move(temporary, path, overwrite: true);
        return true;
    }

    readonly record struct Section(uint Type, long Offset, long Size, uint Link, uint Info);

    static byte[] ReadElf(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"No file at '{path}'; expected an ELF shared library.", path);
        var image = File.ReadAllBytes(path);
        if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
            throw new InvalidDataException($"'{path}' is not an ELF file (no ELF magic number).");
        if (image[4] != 2 || image[5] != 1)
            throw new InvalidDataException($"'{path}' is ELF class {image[4]}, data encoding {image[5]}; expected 64-bit little-endian (2, 1).");
        return image;
    }

    static List<Section> Sections(byte[] image, string path)
    {
        long tableOffset = checked((long)U64(image, 0x28, path));
        ushort entrySize = U16(image, 0x3A, path);
        ushort count = U16(image, 0x3C, path);
        var sections = new List<Section>(count);
        for (int i = 0; i < count; i++)
        {
            long at = tableOffset + (long)i * entrySize;
            sections.Add(new Section(U32(image, at + 4, path), checked((long)U64(image, at + 24, path)),
                checked((long)U64(image, at + 32, path)), U32(image, at + 40, path), U32(image, at + 44, path)));
        }
        return sections;
    }

    static ReadOnlySpan<byte> At(byte[] image, long offset, int length, string path) =>
        offset < 0 || offset + length > image.Length
            ? throw new InvalidDataException($"'{path}' is truncated or corrupt: a read of {length} bytes at offset {offset} is past its end ({image.Length} bytes).")
            : image.AsSpan((int)offset, length);

    static ushort U16(byte[] image, long offset, string path) => BinaryPrimitives.ReadUInt16LittleEndian(At(image, offset, 2, path));
    static uint U32(byte[] image, long offset, string path) => BinaryPrimitives.ReadUInt32LittleEndian(At(image, offset, 4, path));
    static ulong U64(byte[] image, long offset, string path) => BinaryPrimitives.ReadUInt64LittleEndian(At(image, offset, 8, path));

    static string CString(byte[] image, long offset, string path)
    {
        At(image, offset, 1, path);
        int end = Array.IndexOf(image, (byte)0, (int)offset);
        if (end < 0)
            throw new InvalidDataException($"'{path}' is corrupt: unterminated string at offset {offset}.");
        return Encoding.UTF8.GetString(image, (int)offset, end - (int)offset);
    }
}
