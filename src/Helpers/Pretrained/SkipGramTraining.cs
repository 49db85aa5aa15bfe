using NotebookCourse.Helpers.Runtime;
using NotebookCourse.Helpers.Training;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Pretrained;

/// <summary>The knobs of <see cref="SkipGramTraining"/> (word2vec's names in brackets).</summary>
public sealed record SkipGramOptions
{
    public int Dimension { get; init; } = 32;

    /// <summary>Largest distance between a word and a context word (window); each centre word draws its own window from 1 to this, as word2vec does.</summary>
    public int Window { get; init; } = 4;

    /// <summary>Negative samples per pair (negative), drawn from unigram counts to the power 0.75.</summary>
    public int Negatives { get; init; } = 5;

    /// <summary>Words seen fewer times are left out (min_count).</summary>
    public int MinCount { get; init; } = 3;

    /// <summary>Frequent-word subsampling threshold (sample); 0 keeps every token.</summary>
    public double Subsample { get; init; } = 1e-3;

    public int Epochs { get; init; } = 3;
    public int BatchSize { get; init; } = 2048;
    public double LearningRate { get; init; } = 0.01;
    public int Seed { get; init; } = 42;

    internal void Validate()
    {
        if (Dimension < 1 || Window < 1 || Negatives < 1 || MinCount < 1 || Epochs < 1 || BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(Dimension), $"Dimension, Window, Negatives, MinCount, Epochs and BatchSize must be at least 1; got {Dimension}, {Window}, {Negatives}, {MinCount}, {Epochs}, {BatchSize}.");
        if (Subsample < 0 || !(LearningRate > 0))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), $"Need Subsample >= 0 and LearningRate > 0; got {Subsample} and {LearningRate}.");
    }
}

/// <summary>
/// Word vectors from unlabelled text with word2vec's skip-gram objective and negative sampling (Mikolov et al. 2013):
/// a word's vector is pushed towards the context vectors of words near it and away from those of randomly drawn words.
/// Words that occur in the same contexts end up with similar vectors. Seeded: the same text and options give the same
/// vectors on the CPU.
/// </summary>
public static class SkipGramTraining
{
    /// <param name="documents">Tokenized documents; windows do not cross document boundaries.</param>
    public static WordVectors Train(IReadOnlyList<IReadOnlyList<string>> documents, SkipGramOptions options, Action<int, double>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var document in documents)
            foreach (var word in document)
                counts[word] = counts.GetValueOrDefault(word) + 1;
        // Most frequent first, ties by word, as GloVe and word2vec files list them.
        var words = counts.Where(c => c.Value >= options.MinCount).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => c.Key).ToList();
        if (words.Count < 2)
            throw new ArgumentException($"Only {words.Count} word(s) occur at least MinCount = {options.MinCount} times; skip-gram needs at least 2.", nameof(documents));
        var index = words.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i, StringComparer.Ordinal);
        var frequency = words.Select(w => (double)counts[w]).ToArray();
        double total = frequency.Sum();
        var encoded = documents.Select(d => d.Where(index.ContainsKey).Select(w => index[w]).ToArray()).ToList();

        var random = new Random(Seeds.Derive(options.Seed, "skip-gram"));
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator((ulong)options.Seed);
        int n = words.Count, dim = options.Dimension;
        // word2vec's initialisation: input vectors small uniform, context vectors zero.
        var inputTable = new TorchSharp.Modules.Parameter((rand(new long[] { n, dim }, generator: generator) - 0.5) / dim);
        var contextTable = new TorchSharp.Modules.Parameter(zeros(n, dim));
        var noise = tensor(frequency.Select(f => Math.Pow(f, 0.75)).ToArray()).to(ScalarType.Float32);
        using var optimizer = new InPlaceAdam([inputTable, contextTable], options.LearningRate);
        var centres = new List<long>();
        var contexts = new List<long>();
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            centres.Clear();
            contexts.Clear();
            foreach (var document in encoded)
            {
                // Subsampling: a word of frequency f is kept with probability sqrt(t / f) + t / f (word2vec's formula).
                var kept = options.Subsample == 0 ? document : document.Where(id =>
                {
                    double f = frequency[id] / total, t = options.Subsample;
                    return random.NextDouble() < Math.Sqrt(t / f) + t / f;
                }).ToArray();
                for (int i = 0; i < kept.Length; i++)
                {
                    int window = random.Next(1, options.Window + 1);
                    for (int j = Math.Max(0, i - window); j <= Math.Min(kept.Length - 1, i + window); j++)
                        if (j != i)
                        {
                            centres.Add(kept[i]);
                            contexts.Add(kept[j]);
                        }
                }
            }
            var order = Enumerable.Range(0, centres.Count).ToArray();
            random.Shuffle(order);
            double lossSum = 0;
            int batches = 0;
            for (int start = 0; start < order.Length; start += options.BatchSize)
            {
                using var batchScope = NewDisposeScope();
                var slice = order.AsSpan(start, Math.Min(options.BatchSize, order.Length - start)).ToArray();
                var c = tensor(slice.Select(k => centres[k]).ToArray());
                var o = tensor(slice.Select(k => contexts[k]).ToArray());
                var negatives = multinomial(noise, slice.Length * options.Negatives, replacement: true, generator: generator).view(slice.Length, options.Negatives);
                var centreVectors = inputTable.index_select(0, c);                                            // (b, dim)
                var positive = (centreVectors * contextTable.index_select(0, o)).sum(1);                        // (b)
                var negative = bmm(contextTable.index_select(0, negatives.flatten()).view(slice.Length, options.Negatives, dim),
                    centreVectors.unsqueeze(2)).squeeze(2);                                                        // (b, k)
                var loss = -(nn.functional.logsigmoid(positive).mean() + nn.functional.logsigmoid(-negative).sum(1).mean());
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>();
                batches++;
            }
            onEpoch?.Invoke(epoch, lossSum / Math.Max(batches, 1));
        }
        var values = inputTable.detach().cpu().data<float>().ToArray();
        return new WordVectors(words, values, dim, $"skip-gram, {documents.Count:N0} documents, {total:N0} tokens, {options.Epochs} epochs, seed {options.Seed}");
    }
}
