using NotebookCourse.Helpers.Embeddings;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Embeddings;

// Seeds torch's global generator for nn.Embedding's initialisation.
[Collection(ProcessEnvironmentCollection.Name)]
public class EmbeddingLookupTests
{
    static float[] Values(Tensor t) => t.data<float>().ToArray();

    static int Differing(Tensor a, Tensor b) =>
        Values(a).Zip(Values(b)).Count(x => BitConverter.SingleToInt32Bits(x.First) != BitConverter.SingleToInt32Bits(x.Second));

    static Embedding SameTable(Embedding reference)
    {
        var copy = nn.Embedding(reference.weight!.shape[0], reference.weight!.shape[1]);
        using (no_grad())
            copy.weight!.copy_(reference.weight!);
        return copy;
    }

    // Mostly pads, as in lesson 2's padded posts; the dim is not a multiple of any vector width, so the scalar tail runs.
    static Tensor MostlyPads(int batch, int length, int tokens, int vocabulary, int seed)
    {
        var generator = new TorchSharp.torch.Generator((ulong)seed);
        var ids = randint(1, vocabulary, [batch, length], generator: generator);
        ids[.., ..(length - tokens)] = 0;
        return ids;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Values_and_gradient_equal_nn_Embedding_bit_for_bit(bool paddingIdx)
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var reference = paddingIdx ? nn.Embedding(400, 37, padding_idx: 0) : nn.Embedding(400, 37);
        var table = SameTable(reference);
        var ids = MostlyPads(16, 120, 30, 400, 1);
        var upstream = randn(16, 120, 37);

        var expected = reference.forward(ids);
        (expected * upstream).sum().backward();
        var looked = EmbeddingLookup.Lookup(table, ids, paddingIdx ? 0 : -1);
        (looked * upstream).sum().backward();

        Assert.Equal(new long[] { 16, 120, 37 }, looked.shape);
        Assert.Equal(0, Differing(expected, looked));
        Assert.Equal(0, Differing(reference.weight!.grad!, table.weight!.grad!));
        // Row 0 holds the sum over 90 * 16 pad positions, the case libtorch leaves to one thread; none with padding_idx.
        Assert.Equal(paddingIdx, table.weight!.grad![0].abs().max().item<float>() == 0);
    }

    [Fact]
    public void A_second_backward_adds_to_the_gradient_as_autograd_adds()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var reference = nn.Embedding(60, 20);
        var table = SameTable(reference);
        var first = MostlyPads(4, 50, 10, 60, 2);
        var second = MostlyPads(4, 50, 25, 60, 3);
        var upstream = randn(4, 50, 20);

        // Two backward passes without zeroing, and one graph that looks up the table twice.
        foreach (var ids in new[] { first, second })
        {
            (reference.forward(ids) * upstream).sum().backward();
            (EmbeddingLookup.Lookup(table, ids) * upstream).sum().backward();
        }
        Assert.Equal(0, Differing(reference.weight!.grad!, table.weight!.grad!));

        reference.weight!.grad = null;
        table.weight!.grad = null;
        ((reference.forward(first) + reference.forward(second)) * upstream).sum().backward();
        ((EmbeddingLookup.Lookup(table, first) + EmbeddingLookup.Lookup(table, second)) * upstream).sum().backward();
        Assert.Equal(0, Differing(reference.weight!.grad!, table.weight!.grad!));
    }

    [Fact]
    public void The_gradient_arrives_after_the_lookups_scope_is_gone_and_from_a_graph_run_twice()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var reference = nn.Embedding(30, 9);
        var table = SameTable(reference);
        var ids = MostlyPads(3, 40, 12, 30, 4);
        var upstream = randn(3, 40, 9);
        Tensor expected, looked;
        // As in the models' forward: the lookup runs in a scope that disposes its temporaries before the backward.
        using (NewDisposeScope())
        {
            expected = (reference.forward(ids) * upstream).sum().MoveToOuterDisposeScope();
            looked = (EmbeddingLookup.Lookup(table, ids) * upstream).sum().MoveToOuterDisposeScope();
        }
        expected.backward(retain_graph: true);
        looked.backward(retain_graph: true);
        Assert.Equal(0, Differing(reference.weight!.grad!, table.weight!.grad!));
        expected.backward();
        looked.backward();
        Assert.Equal(0, Differing(reference.weight!.grad!, table.weight!.grad!));
    }

    [Fact]
    public void Sums_each_rows_gradient_in_position_order_and_skips_the_padding_id()
    {
        // Rows of 3 values; ids 2, 0, 2, 1 over a table of 4 rows.
        float[] gradient = [1, 2, 3, 10, 20, 30, 0.5f, 0.25f, -3, 7, 8, 9];
        long[] ids = [2, 0, 2, 1];
        var summed = new float[12];
        EmbeddingLookup.SumRows(summed, gradient, ids, 3);
        Assert.Equal(new float[] { 10, 20, 30, 7, 8, 9, 1.5f, 2.25f, 0, 0, 0, 0 }, summed);

        summed = new float[12];
        EmbeddingLookup.SumRows(summed, gradient, ids, 3, skippedId: 2);
        Assert.Equal(new float[] { 10, 20, 30, 7, 8, 9, 0, 0, 0, 0, 0, 0 }, summed);

        // In order from zero: 1e8 + 1 - 1e8 is 0 in float32, where another order would give 1.
        float[] big = [1e8f, 1f, -1e8f];
        summed = new float[1];
        EmbeddingLookup.SumRows(summed, big, [0, 0, 0], 1);
        Assert.Equal(0f, summed[0]);
    }

    [Fact]
    public void Refuses_ids_outside_the_table_and_gradients_of_the_wrong_length()
    {
        var outside = Assert.Throws<ArgumentOutOfRangeException>(() => EmbeddingLookup.SumRows(new float[6], new float[4], [0, 3], 2));
        Assert.Contains("ids must be in [0, 3); got 3", outside.Message);
        var length = Assert.Throws<ArgumentException>(() => EmbeddingLookup.SumRows(new float[6], new float[5], [0, 1], 2));
        Assert.Contains("5 gradient values, 2 ids", length.Message);

        // Through the lookup, libtorch's index_select refuses an id before any backward can see it.
        using var scope = NewDisposeScope();
        var table = nn.Embedding(5, 2);
        var error = Assert.ThrowsAny<Exception>(() => EmbeddingLookup.Lookup(table, tensor(new long[] { 1, 5 }, [1, 2])));
        Assert.Contains("out of range", error.Message);
    }

    [Fact]
    public void Applies_only_where_a_gradient_is_recorded_for_a_float32_table_in_cpu_memory()
    {
        using var scope = NewDisposeScope();
        var ids = tensor(new long[] { 0, 1 }, [1, 2]);
        Assert.True(EmbeddingLookup.Applies(zeros(3, 2).requires_grad_(true), ids));
        Assert.False(EmbeddingLookup.Applies(zeros(3, 2), ids));
        Assert.False(EmbeddingLookup.Applies(zeros(3, 2, dtype: ScalarType.Float64).requires_grad_(true), ids));
        Assert.False(EmbeddingLookup.Applies(zeros(3, 2).requires_grad_(true) * 2, ids));   // not a leaf
        Assert.False(EmbeddingLookup.Applies(zeros(3, 2).requires_grad_(true), ids.to(ScalarType.Int32)));
        using (no_grad())
            Assert.False(EmbeddingLookup.Applies(zeros(3, 2).requires_grad_(true), ids));
    }
}
