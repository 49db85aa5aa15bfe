using NotebookCourse.Helpers.Pretrained;

namespace NotebookCourse.Helpers.Tests.Pretrained;

[Collection(ProcessEnvironmentCollection.Name)]
public class TableMemoryTests
{
    [Fact]
    public void Copies_cost_a_table_per_model_and_the_shared_table_costs_one_whatever_the_count()
    {
        // A large table, so that other allocations of the test process are small beside it.
        const int rows = 200_000, dim = 64;
        const double table = rows * dim * 4.0;   // 51.2 MB
        var points = TableMemory.Measure(rows, dim, [1, 3, 8], TestPaths.NewTemporaryFolder());
        long Growth(string design, int models) => points.Single(p => p.Design == design && p.Models == models).ResidentGrowthBytes;
        double copySlope = (Growth(TableMemory.InEveryModel, 8) - Growth(TableMemory.InEveryModel, 3)) / 5.0;
        Assert.True(copySlope > 0.8 * table, $"each added model with its own copy added {copySlope / 1e6:F1} MB; the table is {table / 1e6:F1} MB");
        Assert.True(Growth(TableMemory.Shared, 8) < 1.5 * table, $"8 models on one shared table grew resident memory by {Growth(TableMemory.Shared, 8) / 1e6:F1} MB");
    }

    [Fact]
    public void Memory_the_process_freed_before_does_not_hide_a_copy()
    {
        // As in a lesson: training on this thread first allocates and frees tensors, which the heap reuse keeps in
        // the process (this thread's allocator arena); copies made next must still show as resident growth. Where
        // the freed memory lands depends on the arena's earlier use, so several amounts are tried, each on a new thread.
        NotebookCourse.Helpers.Runtime.NativeBackend.EnsureLoaded();   // as a lesson's first cell: the heap reuse is on
        const int rows = 10_000, dim = 320;
        const double table = rows * dim * 4.0;   // 12.8 MB, lesson 4's default
        foreach (int freedMegabytes in new[] { 10, 20, 30, 50 })
        {
            // The median of three runs. Apart from the tables, .NET keeps up to 16 MB of memory its JIT compiler
            // freed and returns it on a finalizer pass at most every 2 s; when that lands between two readings, the
            // run reads a few MB low (one run in 100 to 300 in a loop here). Three runs take about 1.2 s here, so at
            // most one of them is hit; freed memory hiding a copy would lower all three.
            var runs = Enumerable.Range(0, 3).Select(_ => CopyGrowthAfterFreeing(freedMegabytes, rows, dim)).ToList();
            foreach (int models in new[] { 1, 2 })
            {
                long growth = runs.Select(r => r[models]).Order().ElementAt(1);
                Assert.True(growth > 0.8 * models * table,
                    $"after {freedMegabytes} MB freed, {models} models with their own copy grew resident memory by {growth / 1e6:F1} MB " +
                    $"(median of {string.Join(", ", runs.Select(r => (r[models] / 1e6).ToString("F1")))}); the table is {table / 1e6:F1} MB");
            }
        }
    }

    /// <summary>Resident growth for 1 and 2 models with their own copy, measured on a new thread that first frees tensors.</summary>
    static Dictionary<int, long> CopyGrowthAfterFreeing(int freedMegabytes, int rows, int dim)
    {
        IReadOnlyList<TableMemoryPoint> points = [];
        var thread = new Thread(() =>
        {
            var freed = Enumerable.Range(0, freedMegabytes).Select(_ => TorchSharp.torch.ones(250_000)).ToList();
            freed.ForEach(t => t.Dispose());
            points = TableMemory.Measure(rows, dim, [1, 2], TestPaths.NewTemporaryFolder());
        });
        thread.Start();
        thread.Join();
        return points.Where(p => p.Design == TableMemory.InEveryModel).ToDictionary(p => p.Models, p => p.ResidentGrowthBytes);
    }

    [Fact]
    public void Models_on_a_shared_table_read_its_one_storage_and_own_no_parameter_while_copies_are_independent()
    {
        var vocabulary = NotebookCourse.Helpers.Text.Vocabulary.Fit([["a", "b", "c"]]);
        var aligned = VectorAlignment.Align(WordVectorReader.Read(new StringReader("a 1 1\nb 2 2\nc 3 3\n"), "t"), vocabulary, OovHandling.ZeroVector);
        string path = Path.Combine(TestPaths.NewTemporaryFolder(), "table.bin");
        SharedVectorTable.Save(aligned, path);
        using var table = SharedVectorTable.Open(path);
        var sharedModels = Enumerable.Range(0, 3).Select(_ => new SharedTableEmbedding(table)).ToList();
        var copies = Enumerable.Range(0, 3).Select(_ => new PretrainedEmbedding(aligned, frozen: true)).ToList();
        Assert.All(sharedModels, m => Assert.Empty(m.parameters()));
        Assert.All(sharedModels, m => Assert.Empty(m.buffers()));
        using var ids = TorchSharp.torch.tensor(new long[] { 2 }, [1, 1]);

        // One change to the shared table's memory is seen by every model on it and by no copy.
        table.Tensor[2, 0] = TorchSharp.torch.tensor(-7f);
        Assert.All(sharedModels, m => Assert.Equal(-7f, m.forward(ids)[0, 0, 0].item<float>()));
        Assert.All(copies, m => Assert.Equal(2f, m.forward(ids)[0, 0, 0].item<float>()));
    }

    [Fact]
    public void Model_counts_must_increase()
    {
        var e = Assert.Throws<ArgumentException>(() => TableMemory.Measure(10, 2, [5, 1], TestPaths.NewTemporaryFolder()));
        Assert.Contains("increasing", e.Message);
    }
}
