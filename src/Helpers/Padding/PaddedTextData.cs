using NotebookCourse.Helpers.Data;
using NotebookCourse.Helpers.Text;
using NotebookCourse.Helpers.Training;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Padding;

/// <summary>A text classification set turned into padded id tensors, split into training and validation.</summary>
public sealed record PaddedTextData(TrainingData Train, TrainingData Validation, Vocabulary Vocabulary, int MaxLength, IReadOnlyList<string> ClassNames)
{
    /// <summary>Share of positions in the training batch that are pads.</summary>
    public double PadShare => Train.Inputs.eq(0).to(ScalarType.Float32).mean().item<float>();

    /// <summary>
    /// Tokenizes, splits (seeded shuffle), fits the vocabulary on the training part only, encodes and pads.
    /// </summary>
    /// <param name="maxWords">Keras' num_words: ids stay below it.</param>
    /// <param name="maxLength">Padded length; null uses the longest training document.</param>
    public static PaddedTextData Build(LabelledTexts data, WordTokenizer tokenizer, int? maxWords, int? maxLength, PaddingSide padding,
        TruncatingSide truncating, double validationShare, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (data.Texts.Count != data.Labels.Count)
            throw new ArgumentException($"data has {data.Texts.Count} texts and {data.Labels.Count} labels; expected one label per text.", nameof(data));
        if (validationShare is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(validationShare), $"validationShare must be in (0, 1), got {validationShare}.");
        var order = Enumerable.Range(0, data.Texts.Count).ToArray();
        new Random(seed).Shuffle(order);
        int validationCount = (int)Math.Round(order.Length * validationShare);
        if (validationCount < 1 || validationCount >= order.Length)
            throw new ArgumentException($"{order.Length} documents cannot be split {1 - validationShare:P0}/{validationShare:P0} with at least one on each side.", nameof(data));
        var trainIndex = order[validationCount..];
        var validationIndex = order[..validationCount];

        var tokens = data.Texts.Select(tokenizer.Tokenize).ToArray();
        var vocabulary = Vocabulary.Fit(trainIndex.Select(i => (IReadOnlyList<string>)tokens[i]), maxWords);
        var trainIds = trainIndex.Select(i => vocabulary.Encode(tokens[i])).ToList();
        int length = maxLength ?? Math.Max(1, trainIds.Max(s => s.Length));
        TrainingData Part(int[] index, IReadOnlyList<int[]> ids) => new(
            SequencePadding.PadToTensor(ids, length, padding, truncating),
            tensor(index.Select(i => (long)data.Labels[i]).ToArray()));
        return new(Part(trainIndex, trainIds), Part(validationIndex, validationIndex.Select(i => vocabulary.Encode(tokens[i])).ToList()),
            vocabulary, length, data.ClassNames);
    }
}
