namespace NotebookCourse.Helpers.Data.RealData;

/// <summary>Imports the three WNUT-2017 files from the official task repository or from a local folder (plain or .gz files).</summary>
public static class Wnut17Import
{
    /// <summary>The official repository at the commit the checksums were taken from.</summary>
    public static readonly Uri DefaultSource = new("https://raw.githubusercontent.com/leondz/emerging_entities_17/e52a2d2a71ac1a051ca2d532eef28653c5c02603/");

    /// <param name="from">A folder holding the three files, each plain or gzip (name.gz); null downloads them from <paramref name="source"/>.</param>
    public static ImportOutcome Run(string? from, TextWriter log, string? target = null, Uri? source = null)
    {
        target = Path.GetFullPath(target ?? RealDataSets.Wnut17.FullPath);
        if (Directory.Exists(target))
        {
            try
            {
                Validate(target);
                return new(target, true, $"WNUT-2017 is already imported and valid in {target}; nothing to do.");
            }
            catch (Exception invalid) when (invalid is DataImportException or IOException)
            {
                log.WriteLine($"The copy in {target} is not valid ({invalid.Message}); importing again.");
            }
        }
        if (from is not null && !Directory.Exists(from))
            throw new DataImportException($"--from {from}: not a folder. Expected a folder holding {string.Join(", ", Wnut17.Files.Select(f => f.FileName))} (each plain or .gz).");

        using var staged = new StagedImport(target);
        string assembled = Path.Combine(staged.Folder, "wnut17");
        Directory.CreateDirectory(assembled);
        var notes = new List<string>();
        foreach (var file in Wnut17.Files)
        {
            string destination = Path.Combine(assembled, file.FileName);
            if (from is null)
            {
                var uri = new Uri(source ?? DefaultSource, file.FileName);
                SourceDownload.To(uri, destination, $"dotnet run --project data-scripts -- {RealDataSets.Wnut17.Name}", log);
                FileChecksum.Verify(destination, file.Sha256, uri.ToString());
            }
            else
            {
                CopyPlain(from, file, destination);
                if (FileChecksum.Sha256(destination) != file.Sha256)
                    notes.Add($"{file.FileName} differs from the official file; accepted on structure and counts");
            }
        }
        Validate(assembled);
        staged.Commit(assembled);
        string verification = from is null ? "SHA-256 verified" : notes.Count == 0 ? "local copy, SHA-256 matches the official files" : string.Join("; ", notes);
        return new(target, false, $"Imported WNUT-2017 into {target}: " +
                                  string.Join(", ", Wnut17.Files.Select(f => $"{f.Split} {f.Sentences:N0} sentences")) + $" ({verification}).");
    }

    /// <summary>Checks that each file parses and has the published sentence and token counts.</summary>
    public static void Validate(string folder)
    {
        foreach (var file in Wnut17.Files)
        {
            string path = Path.Combine(folder, file.FileName);
            if (!File.Exists(path))
                throw new DataImportException($"WNUT-2017: {file.FileName} is missing from {folder}.");
            var sentences = Wnut17.Parse(File.ReadAllText(path), file.FileName);
            int tokens = sentences.Sum(s => s.Tokens.Count);
            if (sentences.Count != file.Sentences || tokens != file.Tokens)
                throw new DataImportException($"WNUT-2017: {file.FileName} has {sentences.Count:N0} sentences and {tokens:N0} tokens, expected {file.Sentences:N0} and {file.Tokens:N0}.");
        }
    }

    static void CopyPlain(string from, Wnut17File file, string destination)
    {
        string plain = Path.Combine(from, file.FileName), gzip = plain + ".gz";
        if (File.Exists(plain))
        {
            File.Copy(plain, destination);
            return;
        }
        if (!File.Exists(gzip))
            throw new DataImportException($"WNUT-2017: neither {file.FileName} nor {file.FileName}.gz is in {from}.");
        GzipFile.Decompress(gzip, destination, "WNUT-2017");
    }
}
