using TorchSharp;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Embeddings;

/// <summary>What one backward pass through an embedding stores, dense (the default) against sparse.</summary>
/// <param name="DenseGradientBytes">A (vocabulary, dim) gradient, the same size as the table, whatever the batch.</param>
/// <param name="SparseGradientBytes">The sparse gradient's values and indices: one row per looked-up position.</param>
/// <param name="RowsChangedBySgd">Rows an SGD step changed with the sparse gradient: only those in the batch.</param>
/// <param name="AdamError">What TorchSharp's Adam says when given the sparse gradient (it has no sparse Adam), or null if it accepted it.</param>
public sealed record SparseGradientResult(long DenseGradientBytes, long SparseGradientBytes, long[] RowsChangedBySgd, string? AdamError);

public static class SparseGradients
{
    /// <summary>Looks up <paramref name="ids"/> in a (vocabularySize, dim) table once with a dense and once with a sparse gradient.</summary>
    public static SparseGradientResult Compare(int vocabularySize, int dim, long[] ids, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (vocabularySize < 1 || dim < 1 || ids.Length == 0)
            throw new ArgumentOutOfRangeException(nameof(vocabularySize), $"Need vocabularySize and dim >= 1 and at least one id; got {vocabularySize}, {dim}, {ids.Length} ids.");
        if (ids.Any(id => id < 0 || id >= vocabularySize))
            throw new ArgumentOutOfRangeException(nameof(ids), $"ids must be in [0, {vocabularySize - 1}]; found {ids.First(id => id < 0 || id >= vocabularySize)}.");
        using var scope = NewDisposeScope();
        var batch = tensor(ids);
        var initial = randn([vocabularySize, dim], generator: new Generator((ulong)seed));

        using var dense = nn.Embedding(vocabularySize, dim);
        using (no_grad()) dense.weight!.copy_(initial);
        dense.forward(batch).pow(2).sum().backward();
        long denseBytes = dense.weight!.grad!.numel() * dense.weight.grad.ElementSize;

        using var sparse = nn.Embedding(vocabularySize, dim, sparse: true);
        using (no_grad()) sparse.weight!.copy_(initial);
        sparse.forward(batch).pow(2).sum().backward();
        var gradient = sparse.weight!.grad!;
        long sparseBytes = gradient.SparseValues.numel() * gradient.SparseValues.ElementSize + gradient.SparseIndices.numel() * gradient.SparseIndices.ElementSize;

        var before = sparse.weight.detach().clone();
        optim.SGD(sparse.parameters(), 0.1).step();
        var changed = (sparse.weight.detach() - before).abs().sum(1).nonzero().flatten().data<long>().ToArray();

        string? adamError = null;
        try
        {
            optim.Adam(sparse.parameters(), 0.1).step();
        }
        catch (System.Runtime.InteropServices.ExternalException e)
        {
            adamError = e.Message.Split('\n')[0].Split(". ")[0];
        }
        return new SparseGradientResult(denseBytes, sparseBytes, changed, adamError);
    }
}
