using System.Diagnostics;
using NotebookCourse.Helpers.Validation;
using TorchSharp;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Embeddings;

/// <summary>Time (measured) and work and memory (arithmetic from the shapes) of one way to turn ids into vectors.</summary>
/// <param name="Method">"lookup" or "one-hot matmul".</param>
/// <param name="Milliseconds">Median time of one forward pass, measured.</param>
/// <param name="IntermediateBytes">
/// Bytes of the tensors the method makes besides its output, from the shapes: for the one-hot product, one_hot's
/// int64 matrix (8 bytes an entry) and its float copy; for lookup, none.
/// </param>
/// <param name="OutputBytes">Bytes of the (batch, time, dim) result.</param>
/// <param name="MultiplyAdds">Multiply-adds: batch x time x vocabulary x dim for the product, none for lookup (it copies batch x time x dim values).</param>
public sealed record LookupCostResult(string Method, double Milliseconds, long IntermediateBytes, long OutputBytes, long MultiplyAdds)
{
    public long TotalBytes => IntermediateBytes + OutputBytes;
}

/// <summary>Measures an embedding lookup against the equivalent one-hot matrix product on a device.</summary>
public static class LookupCost
{
    public static IReadOnlyList<LookupCostResult> Measure(int vocabularySize, int dim, int batch, int time, Device device, int repeats = 5, int seed = 0)
    {
        if (vocabularySize < 1 || dim < 1 || batch < 1 || time < 1 || repeats < 1)
            throw new ArgumentOutOfRangeException(nameof(vocabularySize), $"vocabularySize, dim, batch, time and repeats must be positive; got {vocabularySize}, {dim}, {batch}, {time}, {repeats}.");
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)seed);
        var table = randn([vocabularySize, dim], generator: generator).to(device);
        var ids = randint(0, vocabularySize, [batch, time], generator: generator).to(device);
        TensorChecks.Ids(ids, vocabularySize, nameof(ids));

        long outputBytes = (long)batch * time * dim * table.ElementSize;
        long oneHotEntries = (long)batch * time * vocabularySize;
        long oneHotBytes = oneHotEntries * sizeof(long) + oneHotEntries * table.ElementSize;
        using var layer = nn.Embedding_from_pretrained(table, freeze: true);
        var lookup = Time(() => layer.forward(ids), device, repeats, out var fromLookup);
        var oneHot = Time(() => nn.functional.one_hot(ids, vocabularySize).to(table.dtype).matmul(table), device, repeats, out var fromOneHot);
        double difference = (fromLookup - fromOneHot).abs().max().item<float>();
        if (difference > 1e-4)
            throw new InvalidOperationException($"The two methods disagree by {difference}; the comparison is void.");
        return [new("lookup", lookup, 0, outputBytes, 0), new("one-hot matmul", oneHot, oneHotBytes, outputBytes, oneHotEntries * dim)];
    }

    static double Time(Func<Tensor> forward, Device device, int repeats, out Tensor last)
    {
        last = forward(); // warm-up; also the value compared
        var times = new List<double>();
        for (int i = 0; i < repeats; i++)
        {
            using var inner = NewDisposeScope();
            var clock = Stopwatch.StartNew();
            forward();
            if (device.type == DeviceType.CUDA)
                cuda.synchronize(device);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
