using NotebookCourse.Helpers.Embeddings;
using TorchSharp;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Embeddings;

public class EmbeddingInspectionTests
{
    [Fact]
    public void One_hot_times_the_table_equals_the_lookup_by_hand()
    {
        using var scope = NewDisposeScope();
        var table = tensor(new float[] { 0, 0, 1, 2, 3, 4 }).reshape(3, 2);
        var result = EmbeddingInspection.OneHotLookup(tensor(new long[] { 2, 1, 2 }).reshape(1, 3), table);
        Assert.Equal([1L, 3, 2], result.shape);
        Assert.Equal([3f, 4, 1, 2, 3, 4], result.data<float>().ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void One_hot_times_the_table_equals_an_embedding_layer_on_random_ids(int seed)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)seed);
        var layer = nn.Embedding(50, 8);
        var ids = randint(0, 50, [4, 9], generator: generator);
        var difference = (layer.forward(ids) - EmbeddingInspection.OneHotLookup(ids, layer.weight!)).abs().max().item<float>();
        Assert.True(difference < 1e-6, $"largest difference {difference}");
    }

    [Fact]
    public void Out_of_range_ids_and_wrong_dtypes_are_refused_before_native_code()
    {
        using var scope = NewDisposeScope();
        var table = zeros(5, 2);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => EmbeddingInspection.OneHotLookup(tensor(new long[] { 0, 5 }), table));
        Assert.Contains("ids must hold ids in [0, 5) for a vocabulary of 5; found ids from 0 to 5", error.Message);
        Assert.Contains("ids must have dtype Int64, got Float32", Assert.Throws<ArgumentException>(() => EmbeddingInspection.OneHotLookup(zeros(3), table)).Message);
        Assert.Contains("table must be 2-D (vocabulary, dim), got shape (5)", Assert.Throws<ArgumentException>(() => EmbeddingInspection.OneHotLookup(tensor(new long[] { 0 }), zeros(5))).Message);
    }

    [Fact]
    public void Only_rows_of_ids_in_the_batch_receive_gradient()
    {
        using var scope = NewDisposeScope();
        var layer = nn.Embedding(10, 3);
        Assert.Empty(EmbeddingInspection.RowsWithGradient(layer.weight!));

        layer.forward(tensor(new long[] { 1, 4, 4, 7 }).reshape(1, 4)).sum().backward();

        Assert.Equal([1L, 4, 7], EmbeddingInspection.RowsWithGradient(layer.weight!));
        // d(sum)/d(row) is the number of times the id occurs: 2 for id 4, 1 for ids 1 and 7.
        var grad = layer.weight!.grad!;
        Assert.Equal([2f, 2, 2], grad[4].data<float>().ToArray());
        Assert.Equal([1f, 1, 1], grad[7].data<float>().ToArray());
        Assert.Equal(0f, grad[0].abs().sum().item<float>());
    }

    [Fact]
    public void The_table_as_a_data_frame_has_a_row_per_id_and_a_column_per_dimension()
    {
        using var scope = NewDisposeScope();
        var frame = EmbeddingInspection.ToDataFrame(tensor(new float[] { 0.5f, -1, 2, 3 }).reshape(2, 2), ["<pad>", "hope"]);
        Assert.Equal(["id", "word", "d0", "d1"], frame.Columns.Select(c => c.Name));
        Assert.Equal(2, frame.Rows.Count);
        Assert.Equal("hope", frame["word"][1]);
        Assert.Equal(3f, frame["d1"][1]);
        Assert.Equal("position", EmbeddingInspection.ToDataFrame(zeros(2, 2), indexName: "position").Columns[0].Name);
        Assert.Contains("one entry per table row: 2 rows, 1 labels", Assert.Throws<ArgumentException>(() => EmbeddingInspection.ToDataFrame(zeros(2, 2), ["x"])).Message);
    }

    [Fact]
    public void Lookup_cost_reports_the_one_hot_matrices_and_the_multiply_adds_from_the_shapes()
    {
        var results = LookupCost.Measure(vocabularySize: 1000, dim: 4, batch: 2, time: 3, device: CPU, repeats: 2);
        Assert.Equal(["lookup", "one-hot matmul"], results.Select(r => r.Method));
        Assert.Equal(0, results[0].IntermediateBytes);
        Assert.Equal(0, results[0].MultiplyAdds);
        // one_hot gives int64 (8 bytes an entry); the product needs its float32 copy (4 bytes) too.
        Assert.Equal(2L * 3 * 1000 * (8 + 4), results[1].IntermediateBytes);
        Assert.Equal(2L * 3 * 1000 * 4, results[1].MultiplyAdds);
        Assert.All(results, r => Assert.Equal(2L * 3 * 4 * 4, r.OutputBytes));
    }

    [Fact]
    public void One_hot_makes_int64_entries_which_the_memory_arithmetic_assumes()
    {
        using var scope = NewDisposeScope();
        var oneHot = nn.functional.one_hot(tensor(new long[] { 1, 0 }), 3);
        Assert.Equal(ScalarType.Int64, oneHot.dtype);
        Assert.Equal(8, oneHot.ElementSize);
    }

    [Fact]
    public void Adam_keeps_moving_a_row_after_its_gradient_stops_and_sgd_does_not()
    {
        var adam = StaleRowMovement.Measure("adam", learningRate: 0.01, seed: 3);
        var sgd = StaleRowMovement.Measure("sgd", learningRate: 0.01, seed: 3);
        Assert.All(sgd.Movements, m => Assert.Equal(0.0, m));
        Assert.True(adam.Movements[0] > 0.5 * 0.01, $"the first step after the last gradient moves the row by {adam.Movements[0]}");
        // The first moment decays by beta1 = 0.9 a step: the movements shrink geometrically, about ten steps' worth in all.
        Assert.True(adam.Movements[10] < 0.5 * adam.Movements[0], "the movement decays");
        Assert.InRange(adam.TotalInLearningRates, 3, 15);
        Assert.InRange(adam.StepsStillMoving, 10, 40);
        Assert.Contains("optimizer must be \"adam\" or \"sgd\"", Assert.Throws<ArgumentException>(() => StaleRowMovement.Measure("rmsprop")).Message);
    }

    [Fact]
    public void A_sparse_gradient_stores_only_the_looked_up_rows_and_sgd_changes_only_them()
    {
        var result = SparseGradients.Compare(vocabularySize: 1000, dim: 4, ids: [3, 7, 7], seed: 1);
        Assert.Equal(1000L * 4 * 4, result.DenseGradientBytes);
        Assert.Equal(3L * 4 * 4 + 3L * 8, result.SparseGradientBytes);  // three looked-up rows of values, three int64 indices
        Assert.Equal([3L, 7L], result.RowsChangedBySgd);
        Assert.NotNull(result.AdamError);
        Assert.Contains("ids must be in [0, 9]", Assert.Throws<ArgumentOutOfRangeException>(() => SparseGradients.Compare(10, 2, [10])).Message);
    }
}
