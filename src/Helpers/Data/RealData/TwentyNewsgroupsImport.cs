namespace NotebookCourse.Helpers.Data.RealData;

/// <summary>Imports 20 Newsgroups (bydate) from its public source or from a local tarball or folder.</summary>
public static class TwentyNewsgroupsImport
{
    public static readonly Uri DefaultSource = new("http://qwone.com/~jason/20Newsgroups/20news-bydate.tar.gz");
    public const string ArchiveSha256 = "8f1b2514ca22a5ade8fbb9cfa5727df95fa587f4c87b786e15c759fa66d95610";

    /// <param name="from">A local .tar.gz/.tar or a folder with the bydate layout; null downloads <paramref name="source"/>.</param>
    /// <param name="target">Where the data set goes (default: its folder under the data directory).</param>
    public static ImportOutcome Run(string? from, TextWriter log, string? target = null, Uri? source = null)
    {
        target = Path.GetFullPath(target ?? RealDataSets.TwentyNewsgroups.FullPath);
        if (Directory.Exists(target))
        {
            try
            {
                var (train, test) = TwentyNewsgroupsLayout.Validate(target);
                return new(target, true, $"20 Newsgroups is already imported and valid in {target} ({train:N0} training, {test:N0} test posts); nothing to do.");
            }
            catch (DataImportException invalid)
            {
                log.WriteLine($"The copy in {target} is not valid ({invalid.Message}); importing again.");
            }
        }

        using var staged = new StagedImport(target);
        string extracted = Path.Combine(staged.Folder, "extracted");
        string verification;
        if (from is null)
        {
            source ??= DefaultSource;
            string archive = staged.ScratchFile("20news-bydate.tar.gz");
            SourceDownload.To(source, archive, $"dotnet run --project data-scripts -- {RealDataSets.TwentyNewsgroups.Name}", log);
            FileChecksum.Verify(archive, ArchiveSha256, source.ToString());
            SafeTarExtraction.Extract(archive, extracted);
            verification = "SHA-256 verified";
        }
        else if (File.Exists(from))
        {
            SafeTarExtraction.Extract(from, extracted);
            verification = "local archive, validated by layout and counts";
        }
        else if (Directory.Exists(from))
        {
            string root = TwentyNewsgroupsLayout.FindRoot(from)
                          ?? throw new DataImportException($"Not the 20 Newsgroups bydate layout: expected folders {TwentyNewsgroupsLayout.TrainFolder}/ and {TwentyNewsgroupsLayout.TestFolder}/ in {from}.");
            CopyFolder(Path.Combine(root, TwentyNewsgroupsLayout.TrainFolder), Path.Combine(extracted, TwentyNewsgroupsLayout.TrainFolder));
            CopyFolder(Path.Combine(root, TwentyNewsgroupsLayout.TestFolder), Path.Combine(extracted, TwentyNewsgroupsLayout.TestFolder));
            verification = "local folder, validated by layout and counts";
        }
        else
        {
            throw new DataImportException($"--from {from}: no such file or folder. Expected a 20news-bydate .tar.gz or a folder holding {TwentyNewsgroupsLayout.TrainFolder}/ and {TwentyNewsgroupsLayout.TestFolder}/.");
        }

        Directory.CreateDirectory(extracted);
        string layoutRoot = TwentyNewsgroupsLayout.FindRoot(extracted)
                            ?? throw new DataImportException($"Not the 20 Newsgroups bydate layout: the archive has no {TwentyNewsgroupsLayout.TrainFolder}/ and {TwentyNewsgroupsLayout.TestFolder}/ folders.");
        var counts = TwentyNewsgroupsLayout.Validate(layoutRoot);
        staged.Commit(layoutRoot);
        return new(target, false, $"Imported 20 Newsgroups into {target}: {counts.Train:N0} training and {counts.Test:N0} test posts in 20 groups ({verification}).");
    }

    static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.GetDirectories(from))
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
    }
}
