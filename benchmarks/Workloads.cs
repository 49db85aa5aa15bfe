using System.Diagnostics;
using NotebookCourse.Helpers.Attention;
using NotebookCourse.Helpers.Data;
using NotebookCourse.Helpers.Data.RealData;
using NotebookCourse.Helpers.Data.Synthetic;
using NotebookCourse.Helpers.Padding;
using NotebookCourse.Helpers.Text;
using NotebookCourse.Helpers.Embeddings;
using NotebookCourse.Helpers.Experiments;
using NotebookCourse.Helpers.Masking;
using NotebookCourse.Helpers.Models;
using NotebookCourse.Helpers.MultiLabel;
using NotebookCourse.Helpers.Pooling;
using NotebookCourse.Helpers.Pretrained;
using NotebookCourse.Helpers.Recurrent;
using NotebookCourse.Helpers.Runtime;
using NotebookCourse.Helpers.Tagging;
using NotebookCourse.Helpers.Training;
using static TorchSharp.torch;

namespace NotebookCourse.Benchmarks;

/// <summary>The workloads of the report. Each states its FLOPs and bytes from its shapes (float32 = 4 bytes).</summary>
sealed class Workloads(Measurement measurement, MachineLimits limits)
{
    const double F = sizeof(float);

    /// <summary>
    /// Embedding -> flatten -> dense -> dropout -> dense, one Adam step on a batch, split into forward, backward and
    /// optimizer step: lesson 2's model (the original question's at 20,000 x 300, length 1,100, dense 25). With
    /// <paramref name="torchSharpAdam"/>, TorchSharp's <c>optim.Adam</c> instead of the trainer's <see cref="InPlaceAdam"/>.
    /// </summary>
    public IEnumerable<WorkloadResult> FlattenDenseStep(string group, int vocabulary, int length, int dim, int batch, int realTokens, PadHandling pads, int classes = 20, int hiddenSize = 25, bool torchSharpAdam = false)
    {
        Seeds.Set(1);
        var model = new FlattenDenseClassifier(vocabulary, length, dim, classes, pads, hiddenSize);
        using optim.Optimizer optimizer = torchSharpAdam
            ? optim.Adam(Trainer.TrainableParameters(model), 0.001)
            : new InPlaceAdam(Trainer.TrainableParameters(model), 0.001);
        var random = new Random(1);
        // Pre padding: the last realTokens positions of each row hold word ids.
        var ids = new long[batch * length];
        for (int b = 0; b < batch; b++)
            for (int t = length - realTokens; t < length; t++)
                ids[b * length + t] = random.Next(1, vocabulary);
        var input = tensor(ids, [batch, length]);
        var targets = tensor(Enumerable.Range(0, batch).Select(_ => (long)random.Next(classes)).ToArray());
        var (forward, backward, step) = TimePhases(() =>
        {
            // Clearing the gradients is part of every training step; it counts in the backward phase.
            var clock = Stopwatch.StartNew();
            optimizer.zero_grad();
            double z = clock.Elapsed.TotalSeconds;
            var loss = nn.functional.cross_entropy(model.forward(input), targets);
            double f = clock.Elapsed.TotalSeconds;
            loss.backward();
            double b = clock.Elapsed.TotalSeconds;
            optimizer.step();
            return (f - z, b - f + z, clock.Elapsed.TotalSeconds - b);
        });
        double activations = (double)batch * length * dim;          // the flattened embeddings
        double dense = (double)length * dim * hiddenSize;           // the first dense layer's weights
        double parameters = (double)vocabulary * dim + dense + hiddenSize + hiddenSize * classes + classes;
        string shape = $"{vocabulary:N0} x {dim}, length {length:N0}, batch {batch}, {pads}";
        // Forward: gather rows (read + write the activations), the dense product reads the activations and the weights.
        yield return new(group, $"forward ({shape})", forward, 2 * batch * dense, F * (3 * activations + dense), limits);
        // Backward: the gradients cleared, then the weight and input gradients of the dense layer (two products); the
        // embedding's dense gradient is zeroed and the activations' gradient scattered into it.
        yield return new(group, $"backward ({shape})", backward, 4 * batch * dense, F * (4 * activations + 3 * dense + 2.0 * vocabulary * dim), limits);
        // Adam reads parameter, gradient and two moments and writes three of them, for every parameter.
        yield return new(group, $"Adam step ({parameters / 1e6:0.##} M parameters)", step, 10 * parameters, F * 7 * parameters, limits);
    }

    /// <summary>
    /// One real epoch of the original model on 20 Newsgroups through <see cref="Trainer.Fit"/> (15,077 posts, batch 32,
    /// the validation pass included), the lesson's settings and seed; null when the data set is not prepared.
    /// </summary>
    public static (double Seconds, double ValidationAccuracy, int Threads)? TwentyNewsgroupsEpoch()
    {
        if (!RealDataSets.TwentyNewsgroups.IsPresent)
            return null;
        Seeds.Set(42);
        var texts = ClassificationDataSets.Load(RealDataSets.TwentyNewsgroups.Name, new TopicCorpusOptions { Seed = 42 });
        var data = PaddedTextData.Build(texts, new WordTokenizer(), 20_000, 1100, PaddingSide.Pre, TruncatingSide.Pre, validationShare: 0.2, seed: 42);
        using var model = new FlattenDenseClassifier(data.Vocabulary.Size, 1100, 300, data.ClassNames.Count, PadHandling.LearnedPad, 25);
        var history = Trainer.Fit(model, data.Train, data.Validation, new ClassificationObjective(),
            new TrainingOptions { Epochs = 1, BatchSize = 32, LearningRate = 0.001, Seed = 42, Device = CPU });
        return (history.Epochs[0].Seconds, history.Epochs[0].ValidationAccuracy, TorchSharp.torch.get_num_threads());
    }

    (Timing Forward, Timing Backward, Timing Step) TimePhases(Func<(double, double, double)> run)
    {
        for (int i = 0; i < measurement.WarmupRuns; i++)
            using (NewDisposeScope())
                run();
        var f = new List<double>();
        var b = new List<double>();
        var s = new List<double>();
        var total = Stopwatch.StartNew();
        while (f.Count < measurement.MinRuns || total.Elapsed.TotalSeconds < measurement.MinSeconds)
            using (NewDisposeScope())
            {
                var (x, y, z) = run();
                f.Add(x);
                b.Add(y);
                s.Add(z);
            }
        return (Timing.Of(f), Timing.Of(b), Timing.Of(s));
    }

    /// <summary>Lesson 1: an embedding lookup against the same result as one-hot rows times the table.</summary>
    public IEnumerable<WorkloadResult> LookupAgainstOneHot(int vocabulary = 10_000, int dim = 50, int batch = 32, int time = 100)
    {
        var table = randn(vocabulary, dim);
        var ids = randint(0, vocabulary, [batch, time]);
        double rows = (double)batch * time;
        yield return new("lesson 1", $"lookup ({vocabulary:N0} x {dim}, {batch} x {time} ids)", measurement.Time(() => table.index_select(0, ids.flatten())), 0, F * 2 * rows * dim + 8 * rows, limits);
        // one_hot writes int64, the float copy, then the product reads it and the table.
        yield return new("lesson 1", $"one-hot x table (same shapes)", measurement.Time(() => nn.functional.one_hot(ids, vocabulary).to(ScalarType.Float32).matmul(table)),
            2 * rows * vocabulary * dim, 8 * rows * vocabulary + F * 3 * rows * vocabulary + F * vocabulary * dim + F * rows * dim, limits);
    }

    static MaskedSequence LongTailedBatch(int batch, int time, int dim, int median, int seed)
    {
        var random = new Random(seed);
        var mask = new bool[batch * time];
        for (int b = 0; b < batch; b++)
        {
            int length = Math.Clamp((int)Math.Round(median * Math.Exp(0.8 * (Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))), 1, time);
            for (int t = 0; t < length; t++)
                mask[b * time + t] = true;
        }
        manual_seed(seed);
        return new MaskedSequence(randn(batch, time, dim), tensor(mask, [batch, time]));
    }

    /// <summary>Lessons 3 and 5: the masked BiLSTM (real tokens only) against the LSTM over every position, forward and backward.</summary>
    public IEnumerable<WorkloadResult> MaskedLstmAgainstFull(int batch = 32, int time = 250, int dim = 16, int hidden = 16, int median = 40)
    {
        Seeds.Set(1);
        var lstm = new MaskedLstm(dim, hidden, bidirectional: true);
        var sequence = LongTailedBatch(batch, time, dim, median, 1);
        var values = sequence.Values.requires_grad_(true);
        var input = new MaskedSequence(values, sequence.Mask);
        double real = sequence.Mask.sum().item<long>();
        // Per step and direction: 4 gates of (dim + hidden) x hidden multiply-adds; forward and backward about 3x forward.
        double FlopsFor(double steps) => 3 * 2 * 2 * 4.0 * (dim + hidden) * hidden * steps;
        double BytesFor(double steps) => F * 3 * 2 * steps * (dim + 2 * hidden);
        string shape = $"{batch} x {time} x {dim}, hidden {hidden} x 2, {real / (batch * time):P0} real";
        yield return new("lessons 3, 5", $"MaskedLstm (real tokens only), forward + backward ({shape})", measurement.Time(() => lstm.forward(input).Outputs.Values.sum().backward()), FlopsFor(real), BytesFor(real), limits);
        yield return new("lessons 3, 5", $"LSTM over every position, forward + backward", measurement.Time(() => lstm.ForwardIgnoringMask(values).Outputs.sum().backward()), FlopsFor(batch * time), BytesFor(batch * time), limits);
        // The compaction MaskedLstm does around the LSTM: sort positions (real first), gather, and scatter back.
        yield return new("lessons 3, 5", "MaskedLstm's compaction alone (argsort, gather, scatter)", measurement.Time(() =>
        {
            var positions = arange(time).unsqueeze(0).expand(batch, time);
            var order = (sequence.Mask.logical_not().to(ScalarType.Int64) * time + positions).argsort(dim: 1);
            var gathered = sequence.Values.gather(1, order.unsqueeze(-1).expand(-1, -1, dim));
            zeros_like(gathered).scatter(1, order.unsqueeze(-1).expand(-1, -1, dim), gathered);
        }), 0, F * 4 * batch * time * dim + 8 * 3 * batch * time, limits);
    }

    /// <summary>Lessons 3 and 5: masked mean and max pooling and masked additive attention, forward + backward.</summary>
    public IEnumerable<WorkloadResult> Poolings(int batch = 32, int time = 250, int dim = 64, int attentionHidden = 16)
    {
        var sequence = LongTailedBatch(batch, time, dim, 40, 2);
        var values = sequence.Values.requires_grad_(true);
        var input = new MaskedSequence(values, sequence.Mask);
        Seeds.Set(1);
        var mean = new MaskedMeanPool();
        var max = new MaskedMaxPool();
        var attention = new AdditiveAttentionPooling(dim, attentionHidden);
        double elements = (double)batch * time * dim;
        string shape = $"{batch} x {time} x {dim}";
        // Forward reads the values and writes a masked copy; backward writes the values' gradient.
        yield return new("lessons 3, 5", $"masked mean pooling, forward + backward ({shape})", measurement.Time(() => mean.forward(input).sum().backward()), 3 * elements, F * 4 * elements, limits);
        yield return new("lessons 3, 5", "masked max pooling, forward + backward", measurement.Time(() => max.forward(input).sum().backward()), 3 * elements, F * 4 * elements, limits);
        yield return new("lesson 5", $"masked additive attention (hidden {attentionHidden}), forward + backward", measurement.Time(() => attention.forward(input).Pooled.sum().backward()),
            3 * 2 * elements * attentionHidden + 6 * elements, F * (6 * elements + 4.0 * batch * time * attentionHidden), limits);
    }

    /// <summary>Lesson 5's model (four fields, attention over the plot's embeddings), one Adam step on a batch.</summary>
    public IEnumerable<WorkloadResult> Lesson5Step(string group)
    {
        var corpus = MovieCorpus.Generate(new MovieCorpusOptions { Movies = 600, Seed = 1 });
        var data = MultiFieldData.Build(corpus.Data, new MultiFieldDataOptions { Lengths = new Dictionary<string, int> { ["plot"] = 250 }, Seed = 1 });
        var model = PoolingComparison.Build(data, FieldPooling.AdditiveAttention, new PoolingComparisonOptions { RecurrentHidden = 0 });
        using var optimizer = new InPlaceAdam(Trainer.TrainableParameters(model), 0.005);
        var batch = new List<Tensor> { data.Train.Inputs.narrow(0, 0, 32) };
        batch.AddRange(data.Train.ExtraInputs.Select(e => e.narrow(0, 0, 32)));
        var targets = data.Train.Targets.narrow(0, 0, 32);
        var objective = new MultiLabelObjective();
        double parameters = model.parameters().Sum(p => (double)p.numel());
        var time = measurement.Time(() =>
        {
            optimizer.zero_grad();
            objective.Loss(model.Forward(batch), targets).backward();
            optimizer.step();
        });
        // Dominated by the plot: 32 x 250 x 16 embeddings through attention (hidden 16), and Adam over every parameter.
        double elements = 32.0 * 250 * 16;
        yield return new(group, $"lesson 5 step (attention over the plot, {parameters / 1e3:0.#} k parameters)", time, 3 * 2 * elements * 16 + 10 * parameters, F * (8 * elements + 7 * parameters), limits);
    }

    /// <summary>One Adam step of a lesson's model on one batch of ids (post-padded, each row with a length from <paramref name="lengths"/>).</summary>
    WorkloadResult IdsModelStep(string group, string name, nn.Module<Tensor, Tensor> model, int vocabulary, int batch, int time, Func<Random, int> lengths,
        Func<Tensor, Tensor> makeTargets, Func<Tensor, Tensor, Tensor> loss, double learningRate, Func<double, (double Flops, double Bytes)> cost)
    {
        var random = new Random(1);
        var ids = new long[batch * time];
        for (int b = 0; b < batch; b++)
            for (int t = 0, length = lengths(random); t < length; t++)
                ids[b * time + t] = random.Next(1, vocabulary);
        var input = tensor(ids, [batch, time]);
        var targets = makeTargets(input);
        using var optimizer = new InPlaceAdam(Trainer.TrainableParameters(model), learningRate);
        var timing = measurement.Time(() =>
        {
            optimizer.zero_grad();
            loss(model.forward(input), targets).backward();
            optimizer.step();
        });
        double real = input.ne(0).sum().item<long>();
        var (flops, bytes) = cost(real);
        return new(group, name, timing, flops, bytes, limits);
    }

    /// <summary>Lessons 1, 3 and 4: each one's model at its default sizes, one Adam step on a batch of 32.</summary>
    public IEnumerable<WorkloadResult> LessonSteps()
    {
        static double AdamCost(nn.Module model) => model.parameters().Where(p => p.requires_grad).Sum(p => (double)p.numel());
        Seeds.Set(1);
        // Lesson 1: 2-d embeddings of a few dozen words, averaged over 6-word sentences, two classes.
        var meanModel = new MeanEmbeddingClassifier(40, dim: 2, classes: 2);
        double meanParameters = AdamCost(meanModel);
        yield return IdsModelStep("lesson 1 defaults", $"lesson 1 step (mean of 2-d embeddings, 40 words, batch 32 x 6)", meanModel, 40, 32, 6, _ => 6,
            ids => randint(0, 2, [ids.shape[0]]), (o, t) => nn.functional.cross_entropy(o, t), 0.05,
            real => (2 * 3 * real * 2 + 10 * meanParameters, F * (3 * real * 2 + 7 * meanParameters)));

        // Lesson 3: the masked BiLSTM tagger, embedding 32, hidden 32, sentences up to 60 tokens.
        Seeds.Set(1);
        var tagger = new BiLstmTagger(2_000, 32, 32, masked: true);
        double taggerParameters = AdamCost(tagger);
        var tagging = new TaggingObjective(realTokensOnly: true);
        yield return IdsModelStep("lesson 3 defaults", $"lesson 3 step (masked BiLSTM tagger, 2,000 words x 32, hidden 32, batch 32 x 60)", tagger, 2_000, 32, 60, r => r.Next(8, 61),
            ids => ids.ne(0).to(ScalarType.Int64) * randint(0, 2, ids.shape) + ids.eq(0).to(ScalarType.Int64) * TokenLabels.Pad,
            tagging.Loss, 0.005,
            // Per real token and direction: 4 gates of (32 + 32) x 32 multiply-adds, forward and backward about 3x forward.
            real => (3 * 2 * 2 * 4.0 * 64 * 32 * real + 10 * taggerParameters, F * (3 * 2 * real * (32 + 2 * 32) + 7 * taggerParameters)));

        // Lesson 4: a frozen 32-d table of about 1,900 words, masked mean pooling, a 32-unit head, four classes.
        Seeds.Set(1);
        var table = AlignedVectors.FromTable(randn(1_900, 32));
        var frozen = new EmbeddingClassifier(new PretrainedEmbedding(table, frozen: true), new PooledVectorHead(32, 32, 4));
        double headParameters = AdamCost(frozen);
        yield return IdsModelStep("lesson 4 defaults", $"lesson 4 step (frozen 1,900 x 32 table, masked mean, head 32, batch 32 x 80)", frozen, 1_900, 32, 80, r => r.Next(20, 81),
            ids => randint(0, 4, [ids.shape[0]]), (o, t) => nn.functional.cross_entropy(o, t), 0.005,
            real => (2.0 * 32 * 32 * 32 * 3 + 10 * headParameters, F * (3 * 32.0 * 80 * 32 + 7 * headParameters)));
    }

    /// <summary>The trainer's cost per batch outside the model: batch selection, copies, metrics, callbacks.</summary>
    public IEnumerable<WorkloadResult> TrainerOverhead(int examples = 6400, int features = 64, int batch = 32)
    {
        Seeds.Set(1);
        var model = nn.Linear(features, 4);
        var inputs = randn(examples, features);
        var targets = randint(0, 4, [examples]);
        var data = new TrainingData(inputs, targets);
        int batches = examples / batch;
        var options = new TrainingOptions { Epochs = 1, BatchSize = batch, Device = CPU };
        var fit = measurement.Time(() => Trainer.Fit(model, data, null, new ClassificationObjective(), options));
        using var optimizer = new InPlaceAdam(model.parameters(), 0.001);
        var raw = measurement.Time(() =>
        {
            for (int b = 0; b < batches; b++)
                using (NewDisposeScope())
                {
                    optimizer.zero_grad();
                    nn.functional.cross_entropy(model.forward(inputs.narrow(0, b * batch, batch)), targets.narrow(0, b * batch, batch)).backward();
                    optimizer.step();
                }
        });
        var perBatch = new Timing((fit.Median - raw.Median) / batches, (fit.Q1 - raw.Q3) / batches, (fit.Q3 - raw.Q1) / batches, fit.Runs);
        double parameters = features * 4 + 4;
        yield return new("trainer", $"Trainer.Fit per batch beyond the bare step (Linear {features} -> 4, batch {batch})", perBatch, 0, F * batch * features, limits,
            $"epoch of {batches} batches: {fit.Median * 1e3:0.#} ms through the trainer, {raw.Median * 1e3:0.#} ms bare");
    }

    /// <summary>Resident memory over many training steps of lesson 5's model: flat when nothing native leaks.</summary>
    public (long After100, long After1000) ResidentOverSteps(int steps = 1000)
    {
        var corpus = MovieCorpus.Generate(new MovieCorpusOptions { Movies = 600, Seed = 2 });
        var data = MultiFieldData.Build(corpus.Data, new MultiFieldDataOptions { Lengths = new Dictionary<string, int> { ["plot"] = 250 }, Seed = 2 });
        var model = PoolingComparison.Build(data, FieldPooling.AdditiveAttention, new PoolingComparisonOptions { RecurrentHidden = 0 });
        using var optimizer = new InPlaceAdam(Trainer.TrainableParameters(model), 0.005);
        var objective = new MultiLabelObjective();
        return ResidentOver(steps, step =>
        {
            long start = (step * 32L) % (data.Train.Count - 32);
            var batch = new List<Tensor> { data.Train.Inputs.narrow(0, start, 32) };
            batch.AddRange(data.Train.ExtraInputs.Select(e => e.narrow(0, start, 32)));
            optimizer.zero_grad();
            objective.Loss(model.Forward(batch), data.Train.Targets.narrow(0, start, 32)).backward();
            optimizer.step();
        });
    }

    /// <summary>
    /// The same for lesson 2's model at its defaults (mostly pads): its lookup's backward is the course's own
    /// (<see cref="PaddedEmbedding"/>), a custom autograd function that keeps managed state for every step.
    /// </summary>
    public (long After100, long After1000) ResidentOverPaddedSteps(int steps = 1000)
    {
        Seeds.Set(1);
        using var model = new FlattenDenseClassifier(5000, 300, 50, 4, PadHandling.LearnedPad, 25);
        using var optimizer = new InPlaceAdam(Trainer.TrainableParameters(model), 0.001);
        var random = new Random(1);
        var ids = new long[256 * 300];
        for (int row = 0; row < 256; row++)
            for (int t = 300 - random.Next(20, 120); t < 300; t++)
                ids[row * 300 + t] = random.Next(1, 5000);
        using var inputs = tensor(ids, [256, 300]);
        using var targets = tensor(Enumerable.Range(0, 256).Select(_ => (long)random.Next(4)).ToArray());
        return ResidentOver(steps, step =>
        {
            long start = step % 8 * 32;
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.forward(inputs.narrow(0, start, 32)), targets.narrow(0, start, 32)).backward();
            optimizer.step();
        });
    }

    static (long After100, long After1000) ResidentOver(int steps, Action<int> step)
    {
        long after100 = 0;
        for (int i = 1; i <= steps; i++)
        {
            using (NewDisposeScope())
                step(i);
            if (i == 100)
                after100 = ProcessMemory.ResidentBytesAfterCollection();
        }
        return (after100, ProcessMemory.ResidentBytesAfterCollection());
    }
}
