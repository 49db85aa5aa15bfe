using NotebookCourse.Helpers.Validation;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Pretrained;

/// <summary>How far fine-tuning moved a table, split into rows of words the training data contains and rows it never touched.</summary>
/// <param name="SeenRows">Rows whose id occurs in the training inputs (the pad excluded).</param>
/// <param name="SeenMoved">Of those, rows that moved at all.</param>
/// <param name="MeanSeenMovement">Mean Euclidean distance a seen row moved.</param>
/// <param name="UnseenRows">Rows never in a training input.</param>
/// <param name="LargestUnseenMovement">The largest distance an unseen row moved: 0 unless something other than their gradient moved them.</param>
public sealed record EmbeddingDriftReport(int SeenRows, int SeenMoved, double MeanSeenMovement, int UnseenRows, double LargestUnseenMovement);

public static class EmbeddingDrift
{
    public static EmbeddingDriftReport Measure(Tensor before, Tensor after, Tensor trainingIds)
    {
        TensorChecks.Rank(before, 2, nameof(before), "table (rows, dim)");
        TensorChecks.Rank(after, 2, nameof(after), "table (rows, dim)");
        if (!before.shape.SequenceEqual(after.shape))
            throw new ArgumentException($"before and after must have the same shape; got {TensorChecks.Shape(before)} and {TensorChecks.Shape(after)}.");
        TensorChecks.Ids(trainingIds, before.shape[0], nameof(trainingIds));
        using var scope = NewDisposeScope();
        var movement = (after.detach().cpu() - before.detach().cpu()).norm(1);
        var seen = zeros(before.shape[0], dtype: ScalarType.Bool);
        seen.index_fill_(0, trainingIds.cpu().flatten().unique().Item1, true);
        seen[0] = false;   // the pad
        var unseen = seen.logical_not();
        unseen[0] = false;
        var seenMovement = movement.masked_select(seen);
        var unseenMovement = movement.masked_select(unseen);
        return new EmbeddingDriftReport((int)seenMovement.numel(), (int)seenMovement.gt(0).sum().item<long>(),
            seenMovement.numel() == 0 ? 0 : seenMovement.mean().item<float>(),
            (int)unseenMovement.numel(), unseenMovement.numel() == 0 ? 0 : unseenMovement.max().item<float>());
    }

    /// <summary>Mean share of each row's <paramref name="k"/> nearest neighbours that are the same before and after.</summary>
    public static double NeighbourOverlap(Tensor before, Tensor after, IReadOnlyList<string> labels, IEnumerable<int> rows, int k = 10)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var overlaps = rows.Select(r =>
        {
            var a = VectorNeighbours.Nearest(before, labels, r, k).Select(n => n.Word).ToHashSet();
            var b = VectorNeighbours.Nearest(after, labels, r, k).Select(n => n.Word);
            return a.Count == 0 ? 1.0 : (double)b.Count(a.Contains) / a.Count;
        }).ToList();
        return overlaps.Count == 0 ? double.NaN : overlaps.Average();
    }
}
