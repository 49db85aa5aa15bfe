namespace NotebookCourse.Helpers.Data.RealData;

/// <summary>
/// The "bydate" layout: <c>20news-bydate-train/&lt;group&gt;/&lt;id&gt;</c> and <c>20news-bydate-test/&lt;group&gt;/&lt;id&gt;</c>,
/// one post per file, 20 groups, 11,314 training and 7,532 test posts.
/// </summary>
public static class TwentyNewsgroupsLayout
{
    public const string TrainFolder = "20news-bydate-train";
    public const string TestFolder = "20news-bydate-test";
    public const int GroupCount = 20;
    public const int TrainPosts = 11_314;
    public const int TestPosts = 7_532;

    /// <summary>True when <paramref name="folder"/> holds both split folders.</summary>
    public static bool HoldsSplits(string folder) =>
        Directory.Exists(Path.Combine(folder, TrainFolder)) && Directory.Exists(Path.Combine(folder, TestFolder));

    /// <summary>The folder holding the splits: <paramref name="folder"/> itself or its only subfolder (archives often add one level).</summary>
    public static string? FindRoot(string folder)
    {
        if (HoldsSplits(folder))
            return folder;
        var children = Directory.GetDirectories(folder).Where(d => !Path.GetFileName(d).StartsWith('.')).ToArray();
        return children.Length == 1 && HoldsSplits(children[0]) ? children[0] : null;
    }

    /// <summary>Throws a <see cref="DataImportException"/> naming what differs from the bydate layout.</summary>
    public static (int Train, int Test) Validate(string folder)
    {
        if (!HoldsSplits(folder))
            throw new DataImportException($"Not the 20 Newsgroups bydate layout: expected folders {TrainFolder}/ and {TestFolder}/ in {folder}.");
        var train = CountPosts(Path.Combine(folder, TrainFolder));
        var test = CountPosts(Path.Combine(folder, TestFolder));
        foreach (var (name, groups) in new[] { (TrainFolder, train), (TestFolder, test) })
        {
            if (groups.Count != GroupCount)
                throw new DataImportException($"Not the 20 Newsgroups bydate layout: {name}/ has {groups.Count} group folders, expected {GroupCount}.");
        }
        if (!train.Keys.Order(StringComparer.Ordinal).SequenceEqual(test.Keys.Order(StringComparer.Ordinal)))
            throw new DataImportException($"Not the 20 Newsgroups bydate layout: the group folders of {TrainFolder}/ and {TestFolder}/ differ.");
        int trainPosts = train.Values.Sum(), testPosts = test.Values.Sum();
        if (trainPosts != TrainPosts || testPosts != TestPosts)
            throw new DataImportException($"Incomplete or altered 20 Newsgroups copy: {trainPosts:N0} training and {testPosts:N0} test posts, expected {TrainPosts:N0} and {TestPosts:N0}.");
        return (trainPosts, testPosts);
    }

    static Dictionary<string, int> CountPosts(string split) =>
        Directory.GetDirectories(split).ToDictionary(g => Path.GetFileName(g), g => Directory.GetFiles(g).Length);
}
