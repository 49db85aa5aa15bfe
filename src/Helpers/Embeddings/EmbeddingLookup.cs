using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Embeddings;

/// <summary>
/// A table lookup (ids -> rows) with its own backward, for float32 tables in CPU memory and sequences that are mostly
/// pads. libtorch's embedding backward splits the table's rows among threads and every thread reads every id, so the
/// thread that owns row 0 sums all pad positions while the others wait; and autograd copies a gradient that a custom
/// function hands back, because the function still holds it. Here one pass on the calling thread sums each row's
/// gradient in position order, as libtorch's does, so the gradient is the same bit for bit, and it is put in the
/// table's <c>grad</c> directly (added to it when there is one, as autograd adds). The values are libtorch's lookup.
/// Because the gradient reaches <c>grad</c> inside the backward, this is for <c>loss.backward()</c>: <c>autograd.grad</c>
/// with respect to the table gets nothing from this lookup, hooks on the table do not see it, and it cannot be
/// differentiated twice.
/// </summary>
internal sealed class EmbeddingLookup : autograd.SingleTensorFunction<EmbeddingLookup>
{
    const string StateKey = "state";

    public override string Name => nameof(EmbeddingLookup);

    /// <summary>Whether a lookup in this table with these ids takes this path (else the plain lookup).</summary>
    public static bool Applies(Tensor table, Tensor ids) =>
        is_grad_enabled() && table.requires_grad && table.is_leaf && table.dtype == ScalarType.Float32
        && table.device_type == DeviceType.CPU && table.is_contiguous() && table.dim() == 2
        && ids.dtype == ScalarType.Int64 && ids.device_type == DeviceType.CPU
        && table.numel() <= int.MaxValue / sizeof(float) && ids.numel() * table.shape[1] <= int.MaxValue / sizeof(float);

    /// <summary>
    /// The rows of <paramref name="embedding"/>'s table at <paramref name="ids"/>: shape ids.shape + (dim). Positions
    /// holding <paramref name="paddingIdx"/> give no gradient, as with <c>padding_idx</c> (-1: none).
    /// </summary>
    public static Tensor Lookup(Embedding embedding, Tensor ids, long paddingIdx = -1)
    {
        // Reading weight makes a new wrapper of the table each time; the graph keeps this one until the backward,
        // where a wrapper the caller holds may already have been disposed with its scope.
        var table = embedding.weight!;
        return apply(table, ids, paddingIdx);
    }

    // What the backward needs, kept out of autograd's saved variables: unpacking those checks versions and can throw,
    // and nothing may throw in the backward (it runs inside a native callback, where an exception ends the process).
    sealed record State(Tensor Table, long Rows, long Dim, long[] Ids, long PaddingIdx);

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var table = (Tensor)vars[0];
        var ids = (Tensor)vars[1];
        // index_select checks every id against the table's rows, so the backward only sees ids that are in range.
        using var contiguous = ids.contiguous();
        using var flat = contiguous.flatten();
        var rows = table.index_select(0, flat);
        var looked = rows.view([.. ids.shape, table.shape[1]]);
        ctx.save_data(StateKey, new State(table, table.shape[0], table.shape[1], MemoryMarshal.Cast<byte, long>(flat.bytes).ToArray(), (long)vars[2]));
        table.DetachFromDisposeScope();
        return looked;
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad)
    {
        var state = (State)ctx.get_data(StateKey);
        var (rows, dim) = (state.Rows, state.Dim);
        var summed = zeros(rows, dim);
        using (var contiguous = grad.contiguous())
            SumRows(Floats(summed), Floats(contiguous), state.Ids, (int)dim, state.PaddingIdx);
        if (state.Table.IsInvalid)
            return [summed, null!, null!];   // a second backward of the graph: autograd delivers it (a copy, but correct)
        if (state.Table.grad is { } existing)
        {
            using (no_grad())
                existing.add_(summed);
            summed.Dispose();
        }
        else
            state.Table.grad = summed;
        state.Table.Dispose();
        return [null!, null!, null!];   // one per forward argument: table, ids, padding id
    }

    /// <summary>
    /// summed[ids[i]] += gradient[i] for i in order, except where ids[i] is <paramref name="skippedId"/>; rows of
    /// <paramref name="dim"/> values (internal for the tests). Each element is a sum in position order starting from
    /// zero, which is how libtorch's embedding backward adds.
    /// </summary>
    internal static void SumRows(Span<float> summed, ReadOnlySpan<float> gradient, ReadOnlySpan<long> ids, int dim, long skippedId = -1)
    {
        long rows = summed.Length / Math.Max(dim, 1);
        if (dim < 1 || summed.Length != rows * dim || gradient.Length != (long)ids.Length * dim)
            throw new ArgumentException($"Need a table of whole rows of {dim} values and one gradient row per id; got {summed.Length} table values, {gradient.Length} gradient values, {ids.Length} ids.");
        foreach (long id in ids)
            if ((ulong)id >= (ulong)rows)
                throw new ArgumentOutOfRangeException(nameof(ids), $"ids must be in [0, {rows}); got {id}.");
        ref float table = ref MemoryMarshal.GetReference(summed);
        ref float source = ref MemoryMarshal.GetReference(gradient);
        for (int i = 0; i < ids.Length; i++)
        {
            if (ids[i] == skippedId)
                continue;
            ref float row = ref Unsafe.Add(ref table, (nint)(ids[i] * dim));
            ref float from = ref Unsafe.Add(ref source, (nint)i * dim);
            int j = 0;
            for (; j <= dim - Vector<float>.Count; j += Vector<float>.Count)
                (Vector.LoadUnsafe(ref row, (nuint)j) + Vector.LoadUnsafe(ref from, (nuint)j)).StoreUnsafe(ref row, (nuint)j);
            for (; j < dim; j++)
                Unsafe.Add(ref row, j) += Unsafe.Add(ref from, j);
        }
    }

    static Span<float> Floats(Tensor t) => MemoryMarshal.Cast<byte, float>(t.bytes);
}
