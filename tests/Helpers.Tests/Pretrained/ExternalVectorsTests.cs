using NotebookCourse.Helpers.Masking;
using NotebookCourse.Helpers.Models;
using NotebookCourse.Helpers.Pretrained;
using NotebookCourse.Helpers.Text;
using NotebookCourse.Helpers.Training;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Pretrained;

[Collection(ProcessEnvironmentCollection.Name)]
public class ExternalVectorsTests
{
    // "x" has no vector: under ZeroVector its row is zero, like the pad's.
    static AlignedVectors Aligned(OovHandling oov)
    {
        var vocabulary = Vocabulary.Fit([["a", "b", "c", "x"]]);
        var vectors = WordVectorReader.Read(new StringReader("a 1 0 2\nb 0 1 -1\nc 0.5 0.5 0.5\n"), "test");
        return VectorAlignment.Align(vectors, vocabulary, oov, seed: 1);
    }

    static Tensor Ids(Vocabulary vocabulary) =>
        tensor(new long[] { 1, 2, 3, 0, 0, 4, 1, 4, 2, 0 }, [2, 5]);   // row 0: a b c pad pad; row 1: x a x b pad

    static (EmbeddingClassifier Inside, ExternalVectorClassifier Outside) Pair(AlignedVectors aligned)
    {
        // The head first: building the embedding draws random numbers too.
        manual_seed(7);
        var insideHead = new PooledVectorHead(3, 4, 2);
        var inside = new EmbeddingClassifier(new PretrainedEmbedding(aligned, frozen: true), insideHead);
        manual_seed(7);
        var outside = new ExternalVectorClassifier(new PooledVectorHead(3, 4, 2));
        return (inside, outside);
    }

    static Vocabulary Vocab() => Vocabulary.Fit([["a", "b", "c", "x"]]);

    [Fact]
    public void The_pipeline_gives_the_rows_of_the_table_and_counts_the_bytes()
    {
        var aligned = Aligned(OovHandling.SmallRandom);
        var pipeline = new ExternalVectorPipeline(aligned);
        var vectors = pipeline.Vectors(Ids(Vocab()));
        Assert.Equal([2L, 5, 3], vectors.shape);
        Assert.Equal(aligned.Row(1).ToArray(), vectors[0, 0].data<float>().ToArray());
        Assert.Equal(0f, vectors[0, 3].abs().sum().item<float>());
        Assert.Equal((32L * 100 * 8, 32L * 100 * 3 * 4), pipeline.BytesPerBatch(32, 100));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.Vectors(tensor(new long[] { 9 }, [1, 1])));
        Assert.Contains("9", e.Message);
    }

    [Fact]
    public void Fed_from_outside_with_every_word_nonzero_the_outputs_and_the_head_gradients_equal_the_frozen_embeddings()
    {
        var aligned = Aligned(OovHandling.SmallRandom);
        var (inside, outside) = Pair(aligned);
        var ids = Ids(Vocab());
        var targets = tensor(new long[] { 0, 1 });
        var insideOut = inside.forward(ids);
        var outsideOut = outside.forward(new ExternalVectorPipeline(aligned).Vectors(ids));
        Assert.True((insideOut - outsideOut).abs().max().item<float>() < 1e-6f);

        nn.functional.cross_entropy(insideOut, targets).backward();
        nn.functional.cross_entropy(outsideOut, targets).backward();
        var insideGrads = inside.Head.parameters().Select(p => p.grad!).ToList();
        var outsideGrads = outside.Head.parameters().Select(p => p.grad!).ToList();
        Assert.Equal(4, insideGrads.Count);
        Assert.All(insideGrads.Zip(outsideGrads), p => Assert.True((p.First - p.Second).abs().max().item<float>() < 1e-6f));
    }

    [Fact]
    public void A_zero_vector_for_a_real_word_is_masked_as_a_pad_unless_the_mask_comes_from_ids()
    {
        var aligned = Aligned(OovHandling.ZeroVector);
        var (inside, outside) = Pair(aligned);
        var ids = Ids(Vocab());
        var vectors = new ExternalVectorPipeline(aligned).Vectors(ids);
        var fromIds = Masks.FromIds(ids);
        var fromVectors = Masks.FromZeroVectors(vectors);
        // Row 1 holds "x" twice: real tokens by id, pads by vector.
        Assert.Equal([true, true, true, true, false], fromIds[1].data<bool>().ToArray());
        Assert.Equal([false, true, false, true, false], fromVectors[1].data<bool>().ToArray());
        Assert.Equal(fromIds[0].data<bool>().ToArray(), fromVectors[0].data<bool>().ToArray());

        var reference = inside.forward(ids);
        var zeroMasked = outside.forward(vectors);
        var idMasked = outside.Forward(new MaskedSequence(vectors, fromIds));
        Assert.True((reference[1] - zeroMasked[1]).abs().max().item<float>() > 1e-4f);
        Assert.True((reference[0] - zeroMasked[0]).abs().max().item<float>() < 1e-6f);
        Assert.True((reference - idMasked).abs().max().item<float>() < 1e-6f);
    }

    [Fact]
    public void The_trainer_runs_the_pipeline_on_every_batch()
    {
        var aligned = Aligned(OovHandling.SmallRandom);
        var pipeline = new ExternalVectorPipeline(aligned);
        int calls = 0;
        var data = new TrainingData(Ids(Vocab()), tensor(new long[] { 0, 1 })) { InputPipeline = ids => { calls++; return pipeline.Vectors(ids); } };
        manual_seed(1);
        var model = new ExternalVectorClassifier(new PooledVectorHead(3, 4, 2));
        Trainer.Fit(model, data, data, new ClassificationObjective(), new TrainingOptions { Epochs = 2, BatchSize = 1, Device = CPU });
        // 2 epochs x (2 training batches + 2 validation batches of the same batch size)
        Assert.Equal(8, calls);
    }
}
