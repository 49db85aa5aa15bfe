using System.Globalization;
using System.IO.Compression;

namespace NotebookCourse.Helpers.Pretrained;

/// <summary>
/// Reads the GloVe / word2vec text format, streaming: one word per line followed by its numbers, separated by
/// single spaces, plain or gzipped. word2vec's optional first line "count dimension" is recognised. The dimension
/// is taken from the first vector and checked on every line; a malformed line, a line of another dimension and a
/// word seen twice are errors that name the line.
/// </summary>
public static class WordVectorReader
{
    /// <param name="maxWords">Read only the first this many words (GloVe lists the most frequent first); null reads all.</param>
    public static WordVectors Read(string path, int? maxWords = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (maxWords is < 1)
            throw new ArgumentOutOfRangeException(nameof(maxWords), $"maxWords must be at least 1, got {maxWords}.");
        if (!File.Exists(path))
            throw new FileNotFoundException($"No word-vector file at '{path}'.", path);
        using var file = File.OpenRead(path);
        bool gzipped = file.Length >= 2 && file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
        file.Position = 0;
        if (!gzipped)
            return Read(new StreamReader(file, System.Text.Encoding.UTF8), path, maxWords);

        using var counted = new CountingStream(new GZipStream(file, CompressionMode.Decompress, leaveOpen: true));
        WordVectors vectors;
        try
        {
            vectors = Read(new StreamReader(counted, System.Text.Encoding.UTF8), path, maxWords);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new WordVectorFormatException($"{path}: the gzip data is truncated or corrupt ({e.Message}).");
        }
        // GZipStream ends quietly when its input is cut short; the trailer's size (mod 2^32) catches that.
        if (maxWords is null || vectors.Count < maxWords)
        {
            file.Seek(-4, SeekOrigin.End);
            Span<byte> size = stackalloc byte[4];
            file.ReadExactly(size);
            uint expected = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(size);
            if (expected != (uint)counted.BytesRead)
                throw new WordVectorFormatException($"{path}: the gzip data is truncated or corrupt: {counted.BytesRead:N0} bytes decompressed, its trailer says {expected:N0}.");
        }
        return vectors;
    }

    public static WordVectors Read(TextReader reader, string source, int? maxWords = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var words = new List<string>();
        var values = new List<float>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int dimension = 0, lineNumber = 0, declaredCount = -1;
        string? line;
        while ((maxWords is null || words.Count < maxWords) && (line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0 && reader.Peek() < 0)
                break;   // a final newline
            var fields = line.Split(' ');
            if (lineNumber == 1 && fields.Length == 2 && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
                && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int declared) && declared > 0)
            {
                (declaredCount, dimension) = (count, declared);   // word2vec's header line
                continue;
            }
            if (fields.Length < 2 || fields[0].Length == 0)
                throw new WordVectorFormatException($"{source}, line {lineNumber}: expected a word followed by numbers separated by single spaces; got \"{Clip(line)}\".");
            int numbers = fields.Length - 1;
            if (dimension == 0)
                dimension = numbers;
            else if (numbers != dimension)
                throw new WordVectorFormatException($"{source}, line {lineNumber}: the word \"{Clip(fields[0])}\" has {numbers} numbers; every vector must have {dimension}.");
            for (int i = 1; i < fields.Length; i++)
            {
                if (!float.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                    throw new WordVectorFormatException($"{source}, line {lineNumber}: \"{Clip(fields[i])}\" (number {i} of the word \"{Clip(fields[0])}\") is not a finite number.");
                values.Add(value);
            }
            if (!seen.Add(fields[0]))
                throw new WordVectorFormatException($"{source}, line {lineNumber}: the word \"{Clip(fields[0])}\" occurs a second time (first on line {words.IndexOf(fields[0]) + 1 + (declaredCount >= 0 ? 1 : 0)}).");
            words.Add(fields[0]);
        }
        if (words.Count == 0)
            throw new WordVectorFormatException($"{source}: no word vectors in the file.");
        if (declaredCount >= 0 && maxWords is null && words.Count != declaredCount)
            throw new WordVectorFormatException($"{source}: the header declares {declaredCount:N0} words; the file has {words.Count:N0}.");
        return new WordVectors(words, [.. values], dimension, source);
    }

    static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "...";

    // Counts what a stream gives, to compare with the gzip trailer.
    sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override int Read(byte[] buffer, int offset, int count) { int n = inner.Read(buffer, offset, count); BytesRead += n; return n; }
        public override int Read(Span<byte> buffer) { int n = inner.Read(buffer); BytesRead += n; return n; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
    }
}
