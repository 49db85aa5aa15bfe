using NotebookCourse.Helpers.Data.Synthetic;
using NotebookCourse.Helpers.Experiments;
using NotebookCourse.Helpers.Models;
using NotebookCourse.Helpers.Padding;
using NotebookCourse.Helpers.Pretrained;
using NotebookCourse.Helpers.Text;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Experiments;

[Collection(ProcessEnvironmentCollection.Name)]
public class PretrainedComparisonTests
{
    // A small task: 60 training and 60 validation documents, vectors pre-trained on 600 unlabelled ones.
    static (PaddedTextData Data, AlignedVectors Aligned) SmallTask(OovHandling oov)
    {
        var corpus = ConceptCorpus.Generate(new ConceptCorpusOptions { Classes = 3, WordsPerClass = 20, BackgroundWords = 200, UnlabelledDocuments = 600, LabelledDocuments = 120, Seed = 2 });
        var tokenizer = new WordTokenizer();
        var vectors = SkipGramTraining.Train(corpus.Unlabelled.Select(t => (IReadOnlyList<string>)tokenizer.Tokenize(t)).ToList(), new SkipGramOptions { Dimension = 8, Epochs = 1 });
        var data = PaddedTextData.Build(corpus.Labelled, tokenizer, null, 40, PaddingSide.Post, TruncatingSide.Post, 0.5, 2);
        return (data, VectorAlignment.Align(vectors, data.Vocabulary, oov));
    }

    static PretrainedComparison Comparison(OovHandling oov = OovHandling.SmallRandom)
    {
        var (data, aligned) = SmallTask(oov);
        return new PretrainedComparison(data, aligned, new ComparisonOptions { HiddenSize = 8, Epochs = 3, Device = CPU });
    }

    [Fact]
    public void One_seed_gives_every_design_the_same_head_weights()
    {
        var comparison = Comparison();
        var random = (EmbeddingClassifier)comparison.Build(TableDesign.RandomTrainable, 4);
        var external = (ExternalVectorClassifier)comparison.Build(TableDesign.ExternalVectors, 4);
        var other = (EmbeddingClassifier)comparison.Build(TableDesign.PretrainedFrozen, 5);
        Assert.All(random.Head.parameters().Zip(external.Head.parameters()), p => Assert.Equal(0f, (p.First - p.Second).abs().max().item<float>()));
        Assert.True((random.Head.parameters().First() - other.Head.parameters().First()).abs().max().item<float>() > 0);
    }

    [Fact]
    public void Freezing_does_not_shrink_a_checkpoint_and_leaving_the_table_out_does()
    {
        var comparison = Comparison();
        long trainable = PretrainedComparison.CheckpointBytes(comparison.Build(TableDesign.RandomTrainable, 1));
        long frozen = PretrainedComparison.CheckpointBytes(comparison.Build(TableDesign.PretrainedFrozen, 1));
        long external = PretrainedComparison.CheckpointBytes(comparison.Build(TableDesign.ExternalVectors, 1));
        long table = comparison.Pipeline.Rows * comparison.Pipeline.Dimension * 4;
        // Only the parameter names differ in length ("embedding.embedding.weight" for the wrapped table).
        Assert.InRange(Math.Abs(frozen - trainable), 0, 100);
        Assert.InRange(frozen - external, table, table + 200);
    }

    [Fact]
    public void Fed_from_outside_without_zero_vectors_the_model_trains_exactly_as_the_frozen_one()
    {
        var comparison = Comparison(OovHandling.SmallRandom);
        var frozen = comparison.Train(TableDesign.PretrainedFrozen, 0.5, 3);
        var external = comparison.Train(TableDesign.ExternalVectors, 0.5, 3);
        Assert.Equal(frozen.Labels, external.Labels);
        Assert.Equal(frozen.History.Epochs.Select(e => e.TrainLoss), external.History.Epochs.Select(e => e.TrainLoss), (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.Equal(frozen.ValidationAccuracy, external.ValidationAccuracy);
    }

    [Fact]
    public void Label_budgets_take_a_seeded_share_and_bad_budgets_are_refused()
    {
        var comparison = Comparison();
        Assert.Equal(6, comparison.TrainSubset(0.1, 1).Count);
        Assert.Equal(60, comparison.TrainSubset(1.0, 1).Count);
        Assert.Equal(comparison.TrainSubset(0.5, 1).Targets.data<long>().ToArray(), comparison.TrainSubset(0.5, 1).Targets.data<long>().ToArray());
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => comparison.TrainSubset(0, 1));
        Assert.Contains("budget", e.Message);
        var shared = Assert.Throws<ArgumentNullException>(() => comparison.Build(TableDesign.SharedTable, 1));
        Assert.Contains("SharedVectorTable", shared.Message);
    }

    [Fact, Trait(Traits.Category, Traits.Gpu)]
    public void On_a_gpu_every_design_trains_including_the_shared_table_that_stays_in_cpu_memory()
    {
        NotebookCourse.Helpers.Runtime.NativeBackend.EnsureLoaded();
        Assert.SkipUnless(cuda.is_available(), "no CUDA device on this machine (GPU test)");
        var (data, aligned) = SmallTask(OovHandling.SmallRandom);
        var comparison = new PretrainedComparison(data, aligned, new ComparisonOptions { HiddenSize = 8, Epochs = 2, Device = CUDA });
        string path = Path.Combine(TestPaths.NewTemporaryFolder(), "table.bin");
        SharedVectorTable.Save(aligned, path);
        using var shared = SharedVectorTable.Open(path);
        var accuracies = Enum.GetValues<TableDesign>().ToDictionary(d => d, d => comparison.Train(d, 1.0, 3, shared).ValidationAccuracy);
        Assert.Equal(TorchSharp.DeviceType.CPU, shared.Tensor.device_type);
        // Frozen, external (no zero vectors here) and shared compute the same thing; on a GPU up to float
        // non-determinism, so allow one of the 60 validation documents to differ.
        Assert.InRange(Math.Abs(accuracies[TableDesign.PretrainedFrozen] - accuracies[TableDesign.SharedTable]), 0, 1.0 / 60 + 1e-9);
        Assert.InRange(Math.Abs(accuracies[TableDesign.PretrainedFrozen] - accuracies[TableDesign.ExternalVectors]), 0, 1.0 / 60 + 1e-9);
        Assert.True(comparison.MeasureStep(TableDesign.SharedTable, 3, shared).Milliseconds > 0);
    }
}
