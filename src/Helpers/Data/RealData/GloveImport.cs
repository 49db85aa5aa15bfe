using System.IO.Compression;
using NotebookCourse.Helpers.Pretrained;

namespace NotebookCourse.Helpers.Data.RealData;

/// <summary>
/// GloVe 6B (Wikipedia 2014 + Gigaword 5, 400,000 lowercased words; Pennington et al. 2014): one dimension's text file
/// imported into data/glove/ from Stanford's glove.6B.zip or from a local .zip, .txt or .txt.gz.
/// </summary>
public static class GloveImport
{
    public static readonly Uri DefaultSource = new("https://nlp.stanford.edu/data/glove.6B.zip");
    public const int Words = 400_000;
    public static readonly int[] Dimensions = [50, 100, 200, 300];

    /// <summary>
    /// SHA-256 of the uncompressed text files that independent public projects pin. Only the 50-d file's is known here;
    /// the zip's own checksum is not published, so a download is checked through the file taken out of it.
    /// </summary>
    public static readonly IReadOnlyDictionary<int, string> PinnedSha256 = new Dictionary<int, string>
    {
        [50] = "d8f717f8dd4b545cb7f418ef9f3d0c3e6e68a6f48b97d32f8b7aae40cb31f96f",
    };

    public static string FileName(int dimension) => $"glove.6B.{dimension}d.txt";

    /// <summary>The imported file of <paramref name="dimension"/>, or an error naming the command that imports it.</summary>
    public static string RequireFile(int dimension = 50)
    {
        string path = Path.Combine(RealDataSets.Glove.RequireFolder(), FileName(dimension));
        if (!File.Exists(path))
            throw new FileNotFoundException($"GloVe 6B {dimension}d is not imported: {path} does not exist. Run '{RealDataSets.Glove.ImportCommand} --dim {dimension}' from the repository root (add '--from PATH' to import a local copy offline).", path);
        return path;
    }

    /// <param name="from">A .zip holding glove.6B.{dim}d.txt, or that file as .txt or .txt.gz; null downloads the zip.</param>
    /// <param name="expectedWords">The word count to check (400,000; smaller only for tests).</param>
    public static ImportOutcome Run(string? from, int dimension, TextWriter log, string? target = null, Uri? source = null, int expectedWords = Words)
    {
        if (!Dimensions.Contains(dimension))
            throw new DataImportException($"GloVe 6B comes in {string.Join(", ", Dimensions)} dimensions; --dim {dimension} is none of them.");
        target = Path.GetFullPath(target ?? RealDataSets.Glove.FullPath);
        string name = FileName(dimension);
        string existing = Path.Combine(target, name);
        if (File.Exists(existing))
        {
            try
            {
                Validate(existing, dimension, expectedWords);
                return new(target, true, $"GloVe 6B {dimension}d is already imported and valid in {existing}; nothing to do.");
            }
            catch (DataImportException invalid)
            {
                log.WriteLine($"The copy in {existing} is not valid ({invalid.Message}); importing again.");
            }
        }
        if (from is not null && !File.Exists(from))
            throw new DataImportException($"--from {from}: no such file. Expected glove.6B.zip, or {name} as .txt or .txt.gz.");

        using var staged = new StagedImport(target);
        string assembled = Path.Combine(staged.Folder, "glove");
        Directory.CreateDirectory(assembled);
        // Other dimensions already imported stay.
        if (Directory.Exists(target))
            foreach (var file in Directory.EnumerateFiles(target).Where(f => Path.GetFileName(f) != name))
                File.Copy(file, Path.Combine(assembled, Path.GetFileName(file)));
        string destination = Path.Combine(assembled, name);
        string origin;
        if (from is null)
        {
            string zip = staged.ScratchFile("glove.6B.zip");
            SourceDownload.To(source ?? DefaultSource, zip, $"{RealDataSets.Glove.ImportCommand} --dim {dimension}", log, TimeSpan.FromHours(1));
            ExtractFromZip(zip, name, destination);
            File.Delete(zip);
            origin = (source ?? DefaultSource).ToString();
        }
        else
        {
            CopyPlain(from, name, destination);
            origin = from;
        }
        Validate(destination, dimension, expectedWords);
        string verification;
        if (PinnedSha256.TryGetValue(dimension, out var pinned))
        {
            string actual = FileChecksum.Sha256(destination);
            if (actual != pinned && from is null)
                throw new DataImportException($"GloVe 6B {dimension}d from {origin} has SHA-256 {actual}; the published file has {pinned}.");
            verification = actual == pinned ? "SHA-256 matches the published file" : "differs from the published file; accepted on word count and dimension";
        }
        else
            verification = "no published SHA-256 for this dimension; checked by word count and dimension";
        staged.Commit(assembled);
        return new(target, false, $"Imported GloVe 6B {dimension}d into {Path.Combine(target, name)}: {expectedWords:N0} words x {dimension} ({verification}).");
    }

    /// <summary>Reads the whole file: every line a word and <paramref name="dimension"/> numbers, <paramref name="expectedWords"/> distinct words.</summary>
    public static void Validate(string path, int dimension, int expectedWords = Words)
    {
        WordVectors vectors;
        try
        {
            vectors = WordVectorReader.Read(path);
        }
        catch (WordVectorFormatException e)
        {
            throw new DataImportException($"GloVe: {path}: {e.Message}", e);
        }
        if (vectors.Dimension != dimension || vectors.Count != expectedWords)
            throw new DataImportException($"GloVe: {path} has {vectors.Count:N0} words of dimension {vectors.Dimension}; expected {expectedWords:N0} of dimension {dimension}.");
    }

    static void CopyPlain(string from, string name, string destination)
    {
        if (from.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            ExtractFromZip(from, name, destination);
        else if (from.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            GzipFile.Decompress(from, destination, "GloVe");
        else
            File.Copy(from, destination);
    }

    static void ExtractFromZip(string zip, string name, string destination)
    {
        try
        {
            using var archive = ZipFile.OpenRead(zip);
            var entry = archive.Entries.FirstOrDefault(e => e.FullName == name || e.Name == name)
                        ?? throw new DataImportException($"GloVe: {zip} holds no {name} (it holds {string.Join(", ", archive.Entries.Select(e => e.FullName))}).");
            entry.ExtractToFile(destination);
        }
        catch (InvalidDataException e)
        {
            throw new DataImportException($"GloVe: {zip} is not a complete zip archive ({e.Message}).", e);
        }
    }
}
