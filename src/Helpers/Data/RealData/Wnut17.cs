using System.Text;
using System.Text.RegularExpressions;

namespace NotebookCourse.Helpers.Data.RealData;

/// <summary>One sentence of WNUT-2017: tokens, their IOB2 tags, and the binary entity label (any tag but O is 1).</summary>
public sealed record TaggedSentence(IReadOnlyList<string> Tokens, IReadOnlyList<string> Tags)
{
    public IReadOnlyList<int> EntityLabels { get; } = Tags.Select(t => t == "O" ? 0 : 1).ToArray();
}

/// <summary>The three official files of WNUT-2017, read as sentences.</summary>
public sealed record Wnut17Corpus(IReadOnlyList<TaggedSentence> Train, IReadOnlyList<TaggedSentence> Dev, IReadOnlyList<TaggedSentence> Test);

/// <summary>One official file: its split, name, published SHA-256 (uncompressed) and size.</summary>
public sealed record Wnut17File(string Split, string FileName, string Sha256, int Sentences, int Tokens);

/// <summary>Reads WNUT-2017 (<c>token&lt;TAB&gt;tag</c> lines, sentences separated by blank lines).</summary>
public static partial class Wnut17
{
    public static IReadOnlyList<Wnut17File> Files { get; } =
    [
        new("train", "wnut17train.conll", "731820e13f71af324c6b55a1575ec2ce59fbaa2a0806f8f0400b98d56cd6a7a5", 3_394, 62_730),
        new("dev", "emerging.dev.conll", "e053b752b8155113ca66e7db08af5f2f5f43ab993694e4774f1ec5bad42312d8", 1_009, 15_733),
        new("test", "emerging.test.annotated", "2aa79b764e56ec9264a1b30fdd9b70195bd00ff400b62edd8f399d5f13c178f0", 1_287, 23_394),
    ];

    [GeneratedRegex(@"^(O|[BI]-(person|location|group|creative-work|corporation|product))$")]
    private static partial Regex TagPattern();

    /// <summary>Loads the imported files; a missing data set throws with the command to run.</summary>
    public static Wnut17Corpus Load(string? folder = null)
    {
        folder ??= RealDataSets.Wnut17.RequireFolder();
        var splits = Files.Select(f => Parse(File.ReadAllText(Path.Combine(folder, f.FileName), Encoding.UTF8), f.FileName)).ToArray();
        return new(splits[0], splits[1], splits[2]);
    }

    /// <summary>
    /// Parses CoNLL text. A whitespace-only line ends a sentence (the training file uses both empty and
    /// tab-only separators). Throws a <see cref="DataImportException"/> on a malformed line or unknown tag.
    /// </summary>
    public static List<TaggedSentence> Parse(string text, string source)
    {
        var sentences = new List<TaggedSentence>();
        var tokens = new List<string>();
        var tags = new List<string>();
        int lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            string line = raw.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                if (tokens.Count > 0)
                    sentences.Add(new(tokens.ToArray(), tags.ToArray()));
                tokens.Clear();
                tags.Clear();
                continue;
            }
            int tab = line.LastIndexOf('\t');
            if (tab <= 0)
                throw new DataImportException($"{source} line {lineNumber}: expected 'token<TAB>tag', found '{Shorten(line)}'.");
            string tag = line[(tab + 1)..];
            if (!TagPattern().IsMatch(tag))
                throw new DataImportException($"{source} line {lineNumber}: unknown tag '{Shorten(tag)}'; expected O or B-/I- with one of the six WNUT-2017 types.");
            tokens.Add(line[..tab]);
            tags.Add(tag);
        }
        if (tokens.Count > 0)
            sentences.Add(new(tokens.ToArray(), tags.ToArray()));
        return sentences;
    }

    static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
