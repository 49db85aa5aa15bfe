using NotebookCourse.Helpers.Data;
using NotebookCourse.Helpers.Models;
using NotebookCourse.Helpers.Padding;
using NotebookCourse.Helpers.Text;
using NotebookCourse.Helpers.Training;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.MultiLabel;

/// <summary>How <see cref="MultiFieldData.Build"/> splits and encodes a <see cref="MultiFieldDataSet"/>.</summary>
public sealed record MultiFieldDataOptions
{
    /// <summary>Padded length per field name; a field not named here is padded to its longest training example.</summary>
    public IReadOnlyDictionary<string, int> Lengths { get; init; } = new Dictionary<string, int>();

    /// <summary>Keras' num_words per field name; a field not named keeps its whole training vocabulary.</summary>
    public IReadOnlyDictionary<string, int> MaxWords { get; init; } = new Dictionary<string, int>();

    /// <summary>Numeric features taken as log(1 + x) before standardising (skewed, non-negative: budget, popularity).</summary>
    public IReadOnlyCollection<string> LogFeatures { get; init; } = [];

    public PaddingSide Padding { get; init; } = PaddingSide.Post;
    public double ValidationShare { get; init; } = 0.15;
    public double TestShare { get; init; } = 0.15;
    public int Seed { get; init; } = 42;
}

/// <summary>
/// A <see cref="MultiFieldDataSet"/> as tensors, split (seeded) into training, validation and test: each field encoded by
/// its own vocabulary fitted on the training part and padded, numeric features standardised with the training part's mean
/// and deviation, labels as 0/1 rows. <see cref="TrainingData.Inputs"/> holds the first field's ids; the extra inputs the
/// other fields' ids and then the numeric features: the order <see cref="MultiFieldClassifier.Forward"/> takes.
/// </summary>
public sealed class MultiFieldData
{
    MultiFieldData(MultiFieldDataSet set, IReadOnlyList<Vocabulary> vocabularies, IReadOnlyList<int> lengths, PaddingSide padding,
        (int[] Train, int[] Validation, int[] Test) index, (TrainingData Train, TrainingData Validation, TrainingData Test) data, double[] means, double[] deviations)
    {
        Set = set;
        Vocabularies = vocabularies;
        Lengths = lengths;
        Padding = padding;
        (TrainIndex, ValidationIndex, TestIndex) = index;
        (Train, Validation, Test) = data;
        NumericMeans = means;
        NumericDeviations = deviations;
    }

    public MultiFieldDataSet Set { get; }
    public IReadOnlyList<Vocabulary> Vocabularies { get; }
    public IReadOnlyList<int> Lengths { get; }
    public PaddingSide Padding { get; }
    public TrainingData Train { get; }
    public TrainingData Validation { get; }
    public TrainingData Test { get; }

    /// <summary>Which examples of <see cref="Set"/> each split holds, in row order.</summary>
    public IReadOnlyList<int> TrainIndex { get; }
    public IReadOnlyList<int> ValidationIndex { get; }
    public IReadOnlyList<int> TestIndex { get; }

    /// <summary>The training part's statistics the numeric features were standardised with (after the log where asked).</summary>
    public IReadOnlyList<double> NumericMeans { get; }
    public IReadOnlyList<double> NumericDeviations { get; }

    public IReadOnlyList<string> LabelNames => Set.LabelNames;

    public static MultiFieldData Build(MultiFieldDataSet set, MultiFieldDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(options);
        if (options.ValidationShare <= 0 || options.TestShare <= 0 || options.ValidationShare + options.TestShare >= 1)
            throw new ArgumentOutOfRangeException(nameof(options), $"ValidationShare and TestShare must be positive with a sum below 1; got {options.ValidationShare} and {options.TestShare}.");
        foreach (var name in options.Lengths.Keys.Concat(options.MaxWords.Keys))
            set.Field(name);   // throws for an unknown field
        foreach (var name in options.LogFeatures.Where(n => !set.NumericNames.Contains(n)))
            throw new ArgumentException($"LogFeatures names '{name}', which is not a numeric feature ({string.Join(", ", set.NumericNames)}).", nameof(options));
        if (options.Lengths.Values.Any(l => l < 1) || options.MaxWords.Values.Any(w => w < 2))
            throw new ArgumentOutOfRangeException(nameof(options), "Every padded length must be at least 1 and every MaxWords at least 2.");

        var order = Enumerable.Range(0, set.Examples.Count).ToArray();
        new Random(options.Seed).Shuffle(order);
        int validation = (int)Math.Round(order.Length * options.ValidationShare), test = (int)Math.Round(order.Length * options.TestShare);
        if (validation < 1 || test < 1 || validation + test >= order.Length)
            throw new ArgumentException($"{order.Length} examples cannot be split with at least one in each of training, validation and test.", nameof(set));
        var testIndex = order[..test];
        var validationIndex = order[test..(test + validation)];
        var trainIndex = order[(test + validation)..];

        var vocabularies = new List<Vocabulary>();
        var lengths = new List<int>();
        for (int f = 0; f < set.FieldNames.Count; f++)
        {
            var name = set.FieldNames[f];
            var vocabulary = Vocabulary.Fit(trainIndex.Select(i => set.Examples[i].Fields[f]), options.MaxWords.TryGetValue(name, out var w) ? w : null);
            vocabularies.Add(vocabulary);
            lengths.Add(options.Lengths.TryGetValue(name, out var l) ? l : Math.Max(1, trainIndex.Max(i => set.Examples[i].Fields[f].Count)));
        }

        var transformed = set.Examples.Select(e => e.Numeric.Select((v, k) => options.LogFeatures.Contains(set.NumericNames[k]) ? Math.Log(1 + Math.Max(v, 0)) : v).ToArray()).ToArray();
        int numeric = set.NumericNames.Count;
        var means = new double[numeric];
        var deviations = new double[numeric];
        for (int k = 0; k < numeric; k++)
        {
            means[k] = trainIndex.Average(i => transformed[i][k]);
            double variance = trainIndex.Average(i => Math.Pow(transformed[i][k] - means[k], 2));
            deviations[k] = variance > 0 ? Math.Sqrt(variance) : 1;   // a constant feature stays 0 rather than NaN
        }

        TrainingData Part(int[] index)
        {
            var fields = Enumerable.Range(0, set.FieldNames.Count)
                .Select(f => SequencePadding.PadToTensor(index.Select(i => vocabularies[f].Encode(set.Examples[i].Fields[f])).ToList(), lengths[f], options.Padding, TruncatingSide.Post))
                .ToList();
            var targets = new float[index.Length * set.LabelNames.Count];
            for (int r = 0; r < index.Length; r++)
                foreach (var label in set.Examples[index[r]].Labels)
                    targets[r * set.LabelNames.Count + label] = 1;
            var data = new TrainingData(fields[0], tensor(targets, [index.Length, set.LabelNames.Count]));
            var extra = fields.Skip(1).ToList();
            if (numeric > 0)
                extra.Add(tensor(index.SelectMany(i => transformed[i].Select((v, k) => (float)((v - means[k]) / deviations[k]))).ToArray(), [index.Length, numeric]));
            return extra.Count == 0 ? data : data.WithExtraInputs([.. extra]);
        }
        return new MultiFieldData(set, vocabularies, lengths, options.Padding, (trainIndex, validationIndex, testIndex),
            (Part(trainIndex), Part(validationIndex), Part(testIndex)), means, deviations);
    }

    /// <summary>The field's ids in <paramref name="data"/> (batch, length).</summary>
    public Tensor Ids(TrainingData data, string field)
    {
        int f = Set.Field(field);
        return f == 0 ? data.Inputs : data.ExtraInputs[f - 1];
    }

    /// <summary>Every input of <paramref name="data"/> in the model's order, with <paramref name="field"/>'s ids replaced.</summary>
    public IReadOnlyList<Tensor> InputsWith(TrainingData data, string field, Tensor ids)
    {
        int f = Set.Field(field);
        var inputs = new List<Tensor> { data.Inputs };
        inputs.AddRange(data.ExtraInputs);
        inputs[f] = ids;
        return inputs;
    }

    /// <summary>
    /// One <see cref="TokenField"/> per field, for <see cref="MultiFieldClassifier"/>: each with its vocabulary's size and
    /// padded length, <paramref name="embeddingDim"/>, and the pooling (and BiLSTM size, 0 for none) <paramref name="design"/> gives it.
    /// </summary>
    public IReadOnlyList<TokenField> TokenFields(int embeddingDim, Func<string, (FieldPooling Pooling, int RecurrentHidden)> design, int attentionHidden = 16) =>
        Set.FieldNames.Select((name, f) =>
        {
            var (pooling, recurrent) = design(name);
            return new TokenField(name, Vocabularies[f].Size, embeddingDim, pooling, Lengths[f], recurrent, attentionHidden);
        }).ToList();
}
