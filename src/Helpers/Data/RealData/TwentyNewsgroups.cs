using System.Text;

namespace NotebookCourse.Helpers.Data.RealData;

/// <summary>One 20 Newsgroups post: headers and body as one text, its group as the label.</summary>
public sealed record NewsgroupsPost(string Id, string Group, int Label, string Text);

/// <summary>The bydate split as imported: groups in name order (label = index), posts in id order.</summary>
public sealed record NewsgroupsCorpus(IReadOnlyList<string> Groups, IReadOnlyList<NewsgroupsPost> Train, IReadOnlyList<NewsgroupsPost> Test)
{
    public IEnumerable<NewsgroupsPost> All => Train.Concat(Test);
}

/// <summary>Reads the imported 20 Newsgroups folder.</summary>
public static class TwentyNewsgroups
{
    /// <summary>Loads the posts; files are decoded as Latin-1, which maps every byte and never fails.</summary>
    /// <param name="folder">Default: the imported data set; a missing one throws with the command to run.</param>
    public static NewsgroupsCorpus Load(string? folder = null)
    {
        folder ??= RealDataSets.TwentyNewsgroups.RequireFolder();
        var groups = Directory.GetDirectories(Path.Combine(folder, TwentyNewsgroupsLayout.TrainFolder))
            .Select(g => Path.GetFileName(g)).Order(StringComparer.Ordinal).ToArray();
        return new(groups, ReadSplit(folder, TwentyNewsgroupsLayout.TrainFolder, groups), ReadSplit(folder, TwentyNewsgroupsLayout.TestFolder, groups));
    }

    static List<NewsgroupsPost> ReadSplit(string folder, string split, string[] groups)
    {
        var posts = new List<NewsgroupsPost>();
        for (int label = 0; label < groups.Length; label++)
        {
            var files = Directory.GetFiles(Path.Combine(folder, split, groups[label]))
                .OrderBy(f => long.TryParse(Path.GetFileName(f), out var n) ? n : long.MaxValue).ThenBy(f => f, StringComparer.Ordinal);
            foreach (var file in files)
                posts.Add(new(Path.GetFileName(file), groups[label], label, File.ReadAllText(file, Encoding.Latin1)));
        }
        return posts;
    }
}
