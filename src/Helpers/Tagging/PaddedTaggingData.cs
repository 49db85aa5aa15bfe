using NotebookCourse.Helpers.Data;
using NotebookCourse.Helpers.Padding;
using NotebookCourse.Helpers.Text;
using NotebookCourse.Helpers.Training;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tagging;

/// <summary>Tagged sentences as padded ids and targets; targets are padded with <see cref="TokenLabels.Pad"/>, on the same side as the ids.</summary>
public sealed record PaddedTaggingData(TrainingData Train, TrainingData Validation, Vocabulary Vocabulary, int MaxLength)
{
    public const string OovToken = "<oov>";

    /// <summary>The vocabulary is fitted on the training sentences, with an OOV id so every token keeps its label.</summary>
    public static PaddedTaggingData Build(TaggedSentences train, TaggedSentences validation, int? maxWords, int maxLength, PaddingSide padding)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        var vocabulary = Vocabulary.Fit(train.Tokens, maxWords, OovToken);
        TrainingData Part(TaggedSentences sentences)
        {
            for (int i = 0; i < sentences.Count; i++)
                if (sentences.Tokens[i].Length != sentences.Labels[i].Length)
                    throw new ArgumentException($"Sentence {i} has {sentences.Tokens[i].Length} tokens and {sentences.Labels[i].Length} labels; expected one label per token.");
            var ids = SequencePadding.PadToTensor(sentences.Tokens.Select(t => vocabulary.Encode(t)).ToList(), maxLength, padding, TruncatingSide.Post);
            var targets = SequencePadding.PadToTensor(sentences.Labels, maxLength, padding, TruncatingSide.Post, TokenLabels.Pad);
            return new TrainingData(ids, targets);
        }
        return new(Part(train), Part(validation), vocabulary, maxLength);
    }
}
