using NotebookCourse.Helpers.Runtime;

namespace NotebookCourse.Helpers.Pretrained;

/// <summary>Resident memory one process gains from N models that each hold the table, or that all read one shared table.</summary>
public sealed record TableMemoryPoint(string Design, int Models, long ResidentGrowthBytes);

/// <summary>The memory half of lesson 4's comparison, measured on a table of a chosen size (only its size matters).</summary>
public static class TableMemory
{
    public const string InEveryModel = "frozen copy in every model";
    public const string Shared = "one shared table";

    /// <param name="modelCounts">Increasing model counts, e.g. 1, 5, 20; models are added and kept until the largest count.</param>
    /// <param name="folder">Where the shared table's file is written (and deleted afterwards).</param>
    public static IReadOnlyList<TableMemoryPoint> Measure(int rows, int dimension, IReadOnlyList<int> modelCounts, string folder, int seed = 0)
    {
        if (rows < 2 || dimension < 1)
            throw new ArgumentOutOfRangeException(nameof(rows), $"Need rows >= 2 and dimension >= 1; got {rows} and {dimension}.");
        ArgumentNullException.ThrowIfNull(modelCounts);
        if (modelCounts.Count == 0 || modelCounts[0] < 1 || modelCounts.Zip(modelCounts.Skip(1)).Any(p => p.Second <= p.First))
            throw new ArgumentException($"modelCounts must be increasing and start at 1 or more; got [{string.Join(", ", modelCounts)}].", nameof(modelCounts));
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var values = new float[(long)rows * dimension];
        for (long i = dimension; i < values.LongLength; i++)
            values[i] = (float)(random.NextDouble() - 0.5);
        var vectors = AlignedVectors.FromValues(values, rows, dimension);
        var points = new List<TableMemoryPoint>();

        // The first tensor operations of a process set up thread pools and allocator caches; keep them out of the baseline.
        using (var warmUp = new PretrainedEmbedding(AlignedVectors.FromValues(new float[64 * dimension], 64, dimension), frozen: true))
        using (var sum = warmUp.Table.sum())
            sum.item<float>();

        string path = Path.Combine(folder, $"table-{Guid.NewGuid():N}.bin");
        SharedVectorTable.Save(vectors, path);
        try
        {
            long baseline = ProcessMemory.ResidentBytesAfterCollection();
            using (var table = SharedVectorTable.Open(path, verifyHash: false))
            {
                // Reads every row once: a table mapped from a file becomes resident as it is read, as in real use.
                table.Tensor.sum().Dispose();
                points.AddRange(AddModels(Shared, modelCounts, baseline, () => new SharedTableEmbedding(table)));
            }
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + ".json");
        }
        long copiesBaseline = ProcessMemory.ResidentBytesAfterCollection();
        points.AddRange(AddModels(InEveryModel, modelCounts, copiesBaseline, () => new PretrainedEmbedding(vectors, frozen: true)));
        return points;
    }

    static List<TableMemoryPoint> AddModels(string design, IReadOnlyList<int> counts, long baseline, Func<TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>> create)
    {
        var models = new List<TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>>();
        var points = new List<TableMemoryPoint>();
        try
        {
            foreach (int count in counts)
            {
                while (models.Count < count)
                    models.Add(create());
                points.Add(new(design, count, ProcessMemory.ResidentBytesAfterCollection() - baseline));
            }
        }
        finally
        {
            models.ForEach(m => m.Dispose());
        }
        return points;
    }
}
