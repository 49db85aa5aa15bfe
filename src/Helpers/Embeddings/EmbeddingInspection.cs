using Microsoft.Data.Analysis;
using NotebookCourse.Helpers.Validation;
using TorchSharp;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Embeddings;

/// <summary>Looks inside an embedding table: as a table, as a matrix product, and through its gradient.</summary>
public static class EmbeddingInspection
{
    /// <summary>One row per id: <c>id</c>, optionally <c>word</c>, then <c>d0</c>, <c>d1</c>, ... .</summary>
    /// <param name="indexName">Name of the first column: "id" for a table, "position" for a sentence's looked-up vectors.</param>
    public static DataFrame ToDataFrame(Tensor table, IReadOnlyList<string>? labels = null, string indexName = "id")
    {
        TensorChecks.Rank(table, 2, nameof(table), "(vocabulary, dim)");
        long rows = table.shape[0], dims = table.shape[1];
        if (labels is not null && labels.Count != rows)
            throw new ArgumentException($"labels must have one entry per table row: {rows} rows, {labels.Count} labels.", nameof(labels));
        var values = table.detach().cpu().to(ScalarType.Float32).data<float>().ToArray();
        var columns = new List<DataFrameColumn> { new Int64DataFrameColumn(indexName, Enumerable.Range(0, (int)rows).Select(i => (long)i)) };
        if (labels is not null)
            columns.Add(new StringDataFrameColumn("word", labels));
        for (int d = 0; d < dims; d++)
        {
            int dim = d;
            columns.Add(new SingleDataFrameColumn($"d{d}", Enumerable.Range(0, (int)rows).Select(r => values[r * dims + dim])));
        }
        return new DataFrame(columns);
    }

    /// <summary>The table's rows as arrays (a copy on the CPU), for plots and distance checks.</summary>
    public static float[][] Rows(Tensor table)
    {
        TensorChecks.Rank(table, 2, nameof(table), "(vocabulary, dim)");
        var values = table.detach().cpu().to(ScalarType.Float32).data<float>().ToArray();
        int dims = (int)table.shape[1];
        return Enumerable.Range(0, (int)table.shape[0]).Select(r => values[(r * dims)..((r + 1) * dims)]).ToArray();
    }

    /// <summary>The same result as an embedding lookup, computed as one_hot(ids) @ table: (..., vocabulary) x (vocabulary, dim).</summary>
    public static Tensor OneHotLookup(Tensor ids, Tensor table)
    {
        TensorChecks.Rank(table, 2, nameof(table), "(vocabulary, dim)");
        TensorChecks.FloatingPoint(table, nameof(table));
        TensorChecks.Ids(ids, table.shape[0], nameof(ids));
        using var scope = NewDisposeScope();
        var oneHot = nn.functional.one_hot(ids.to(table.device), table.shape[0]).to(table.dtype);
        return oneHot.matmul(table).MoveToOuterDisposeScope();
    }

    /// <summary>Ids of the rows whose gradient has any non-zero entry (none when there is no gradient yet).</summary>
    public static long[] RowsWithGradient(Tensor table)
    {
        TensorChecks.Rank(table, 2, nameof(table), "(vocabulary, dim)");
        using var scope = NewDisposeScope();
        var grad = table.grad;
        if (grad is null)
            return [];
        var nonZero = grad.detach().ne(0).any(dim: 1).cpu();
        return nonZero.nonzero().flatten().data<long>().ToArray();
    }
}
