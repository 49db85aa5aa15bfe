using NotebookCourse.Helpers.Data.RealData;
using NotebookCourse.Helpers.Data.Synthetic;
using NotebookCourse.Helpers.Text;

namespace NotebookCourse.Helpers.Data;

/// <summary>The text classification data a lesson's <c>Dataset</c> parameter names.</summary>
public static class ClassificationDataSets
{
    public const string Synthetic = "synthetic";

    /// <summary>
    /// "synthetic": <see cref="TopicCorpus"/> with <paramref name="synthetic"/>. "20newsgroups": all 18,846 imported
    /// posts (train and test together, for the lesson's own split), cleaned by <paramref name="cleaner"/>.
    /// </summary>
    public static LabelledTexts Load(string dataset, TopicCorpusOptions synthetic, TextCleaner? cleaner = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset == Synthetic)
            return TopicCorpus.Generate(synthetic);
        if (dataset == RealDataSets.TwentyNewsgroups.Name)
        {
            var corpus = TwentyNewsgroups.Load();
            cleaner ??= new TextCleaner();
            var posts = corpus.All.ToList();
            return new(posts.Select(p => cleaner.Clean(p.Text)).ToList(), posts.Select(p => p.Label).ToList(), corpus.Groups);
        }
        throw new ArgumentException($"Unknown Dataset \"{dataset}\"; expected \"{Synthetic}\" or \"{RealDataSets.TwentyNewsgroups.Name}\".", nameof(dataset));
    }
}
