using NotebookCourse.Helpers.Data.RealData;
using NotebookCourse.Helpers.Data.Synthetic;

namespace NotebookCourse.Helpers.Data;

/// <summary>The tagging data a lesson's <c>Dataset</c> parameter names, as training and validation sentences.</summary>
public static class TaggingDataSets
{
    public const string Synthetic = "synthetic";

    /// <summary>
    /// "synthetic": <see cref="TaggingCorpus"/> split 80/20. "wnut17": the imported WNUT-2017 training file for
    /// training and its dev file for validation, lowercased, with any non-O tag as entity.
    /// </summary>
    public static (TaggedSentences Train, TaggedSentences Validation) Load(string dataset, int syntheticSentences, int seed)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset == Synthetic)
        {
            var all = TaggingCorpus.Generate(syntheticSentences, seed);
            int split = all.Count * 4 / 5;
            return (all.Take(Enumerable.Range(0, split)), all.Take(Enumerable.Range(split, all.Count - split)));
        }
        if (dataset == RealDataSets.Wnut17.Name)
        {
            var corpus = Wnut17.Load();
            static TaggedSentences Convert(IReadOnlyList<TaggedSentence> sentences) => new(
                sentences.Select(s => s.Tokens.Select(t => t.ToLowerInvariant()).ToArray()).ToList(),
                sentences.Select(s => s.EntityLabels.ToArray()).ToList());
            return (Convert(corpus.Train), Convert(corpus.Dev));
        }
        throw new ArgumentException($"Unknown Dataset \"{dataset}\"; expected \"{Synthetic}\" or \"{RealDataSets.Wnut17.Name}\".", nameof(dataset));
    }
}
