using NotebookCourse.Helpers.Pretrained;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Pretrained;

[Collection(ProcessEnvironmentCollection.Name)]
public class EmbeddingDriftTests
{
    [Fact]
    public void Rows_in_the_training_ids_are_counted_as_seen_and_the_rest_as_unseen()
    {
        var before = tensor(new float[] { 0, 0, 1, 0, 0, 1, 1, 1 }, [4, 2]);
        var after = before.clone();
        after[1] = tensor(new float[] { 4, 4 });   // moved 5 (3-4-5 triangle)
        after[3] = tensor(new float[] { 1, 1.5f });   // moved 0.5 but never seen
        var report = EmbeddingDrift.Measure(before, after, tensor(new long[] { 1, 2, 0, 1 }, [2, 2]));
        Assert.Equal(new EmbeddingDriftReport(2, 1, 2.5, 1, 0.5), report);
    }

    [Fact]
    public void Cosine_neighbours_match_a_hand_computed_case_and_skip_the_zero_pad_row()
    {
        var table = tensor(new float[] { 0, 0, 1, 0, 0.9f, 0.1f, 0, 1, -1, 0 }, [5, 2]);
        string[] labels = ["<pad>", "east", "east-ish", "north", "west"];
        var nearest = VectorNeighbours.Nearest(table, labels, 1, 4);
        Assert.Equal(["east-ish", "north", "west"], nearest.Select(n => n.Word));
        Assert.Equal(0.9 / Math.Sqrt(0.82), nearest[0].Cosine, 5);
        Assert.Equal(-1, nearest[2].Cosine, 5);
        Assert.Equal(1.0, EmbeddingDrift.NeighbourOverlap(table, table.clone(), labels, [1, 2, 3], 2));
    }

    [Fact]
    public void The_same_group_share_counts_neighbours_in_the_words_group()
    {
        // a1 and a2 point east, b1 north, b2 north-east-ish but nearer north: each word's nearest neighbour.
        var vectors = WordVectorReader.Read(new StringReader("a1 1 0\na2 0.9 0.1\nb1 0 1\nb2 0.3 1\n"), "test");
        var groups = new Dictionary<string, int> { ["a1"] = 0, ["a2"] = 0, ["b1"] = 1, ["b2"] = 1 };
        Assert.Equal(1.0, VectorNeighbours.SameGroupShare(vectors, groups, 1));
        // With 2 neighbours each word also gets one from the other group.
        Assert.Equal(0.5, VectorNeighbours.SameGroupShare(vectors, groups, 2));
    }
}
