using NotebookCourse.Helpers.Validation;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Pretrained;

/// <summary>
/// An embedding that reads a <see cref="SharedVectorTable"/> it does not own: the table is no parameter of the model,
/// so it is frozen by construction, no optimizer sees it, and a checkpoint of the model leaves it out.
/// </summary>
public sealed class SharedTableEmbedding : nn.Module<Tensor, Tensor>
{
    readonly SharedVectorTable table;

    public SharedTableEmbedding(SharedVectorTable table) : base(nameof(SharedTableEmbedding))
    {
        this.table = table ?? throw new ArgumentNullException(nameof(table));
        RegisterComponents();
    }

    public SharedVectorTable Table => table;

    public override Tensor forward(Tensor ids)
    {
        TensorChecks.Rank(ids, 2, nameof(ids), "ids (batch, time)");
        TensorChecks.Ids(ids, table.Rows, nameof(ids));
        using var scope = NewDisposeScope();
        // The table stays where it was mapped (CPU memory, shared); only the looked-up rows go to the model's device.
        var rows = table.Tensor.index_select(0, ids.flatten().to(table.Tensor.device));
        return rows.view(ids.shape[0], ids.shape[1], table.Dimension).to(ids.device).MoveToOuterDisposeScope();
    }
}
