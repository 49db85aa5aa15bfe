using NotebookCourse.Helpers.Training;
using NotebookCourse.Helpers.Validation;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Pretrained;

/// <summary>
/// Looks up vectors outside the model: each batch of ids (batch, time) becomes (batch, time, dim) on the CPU before it
/// goes to the model and its device, as a Keras user does with a generator or <c>tf.data</c> map. The table is the same
/// one a frozen embedding would hold, so the model after it sees the same numbers.
/// </summary>
public sealed class ExternalVectorPipeline
{
    readonly Tensor table;

    /// <param name="table">(rows, dim) floating point, on the CPU; row 0 is the pad's vector.</param>
    public ExternalVectorPipeline(Tensor table)
    {
        ArgumentNullException.ThrowIfNull(table);
        TensorChecks.Rank(table, 2, nameof(table), "table (rows, dim)");
        TensorChecks.FloatingPoint(table, nameof(table));
        this.table = table.detach().cpu();
    }

    public ExternalVectorPipeline(AlignedVectors vectors)
        : this(tensor(vectors?.Values ?? throw new ArgumentNullException(nameof(vectors)), [vectors.Rows, vectors.Dimension]))
    {
    }

    public long Rows => table.shape[0];
    public long Dimension => table.shape[1];

    /// <summary>ids (batch, time) -> vectors (batch, time, dim).</summary>
    public Tensor Vectors(Tensor ids)
    {
        TensorChecks.Rank(ids, 2, nameof(ids), "ids (batch, time)");
        TensorChecks.Ids(ids, Rows, nameof(ids));
        using var scope = NewDisposeScope();
        return table.index_select(0, ids.cpu().flatten()).view(ids.shape[0], ids.shape[1], Dimension).MoveToOuterDisposeScope();
    }

    /// <summary>The same examples, turned into vectors batch by batch as the trainer draws them.</summary>
    public TrainingData Feed(TrainingData ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids with { InputPipeline = Vectors };
    }

    /// <summary>Bytes a batch of ids occupies on its way to the model, and the same batch as vectors.</summary>
    public (long Ids, long Vectors) BytesPerBatch(long batch, long time) =>
        (batch * time * sizeof(long), batch * time * Dimension * table.element_size());
}
