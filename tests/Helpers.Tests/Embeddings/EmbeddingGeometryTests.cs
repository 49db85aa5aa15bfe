using NotebookCourse.Helpers.Embeddings;
using NotebookCourse.Helpers.Text;

namespace NotebookCourse.Helpers.Tests.Embeddings;

public class EmbeddingGeometryTests
{
    static readonly float[][] Square = [[0, 0], [0, 1], [10, 0], [10, 1]];

    [Fact]
    public void Mean_distances_match_hand_computed_values()
    {
        Assert.Equal(1.0, EmbeddingGeometry.MeanDistance(Square, [0, 1], [0, 1]), 12);
        // Pairs (0,2)=10, (0,3)=sqrt(101), (1,2)=sqrt(101), (1,3)=10.
        Assert.Equal((20 + 2 * Math.Sqrt(101)) / 4, EmbeddingGeometry.MeanDistance(Square, [0, 1], [2, 3]), 12);
        Assert.Equal(1.0 / ((20 + 2 * Math.Sqrt(101)) / 4), EmbeddingGeometry.WithinToBetweenRatio(Square, [[0, 1], [2, 3]]), 12);
    }

    [Fact]
    public void Rows_outside_the_table_are_named()
    {
        Assert.Contains("Row 4 is outside the table (rows 0 to 3)", Assert.Throws<ArgumentOutOfRangeException>(() => EmbeddingGeometry.MeanDistance(Square, [0], [4])).Message);
    }

    [Fact]
    public void Ragged_sequences_cannot_become_one_id_tensor()
    {
        Assert.Contains("different lengths (2 and 3)", Assert.Throws<ArgumentException>(() => IdTensor.From([[1, 2], [1, 2, 3]])).Message);
        using var ids = IdTensor.From([[1, 2], [3, 4]]);
        Assert.Equal([2L, 2], ids.shape);
        Assert.Equal([1L, 2, 3, 4], ids.data<long>().ToArray());
    }
}
