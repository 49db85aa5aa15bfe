using NotebookCourse.Helpers.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Runtime;

[Collection(ProcessEnvironmentCollection.Name)]
public class SeedsTests
{
    // A small computation that draws from every random source a lesson uses: parameter
    // initialisation, dropout, tensor sampling and a .NET Random shuffle.
    static (float[] Output, int[] Order) SmallSeededComputation(int seed)
    {
        CourseRuntime.Start(seed, threads: 1);
        using var scope = NewDisposeScope();
        var layer = nn.Linear(4, 3);
        var dropout = nn.Dropout(0.5);
        dropout.train();
        var input = randn(5, 4);
        var output = dropout.call(layer.call(input)).data<float>().ToArray();
        var order = Enumerable.Range(0, 10).ToArray();
        Seeds.NewRandom("shuffle").Shuffle(order);
        return (output, order);
    }

    [Fact]
    public void The_same_seed_gives_identical_tensors_twice_in_a_row()
    {
        var first = SmallSeededComputation(7);
        var second = SmallSeededComputation(7);
        Assert.Equal(first.Output, second.Output);
        Assert.Equal(first.Order, second.Order);
        Assert.Contains(first.Output, v => v == 0f); // dropout was active, so the check covers it
    }

    [Fact]
    public void A_different_seed_gives_different_tensors()
    {
        Assert.NotEqual(SmallSeededComputation(7).Output, SmallSeededComputation(8).Output);
    }

    [Fact]
    public void Derived_seeds_are_stable_across_processes_and_differ_by_purpose()
    {
        // FNV-1a over the seed's 4 little-endian bytes then the purpose's UTF-8 bytes, top bit cleared.
        uint hash = 2166136261;
        foreach (byte b in new byte[] { 42, 0, 0, 0, (byte)'a' })
            hash = (hash ^ b) * 16777619;
        Assert.Equal((int)(hash & 0x7fffffff), Seeds.Derive(42, "a"));
        Assert.NotEqual(Seeds.Derive(42, "shuffle"), Seeds.Derive(42, "corpus"));
        Assert.NotEqual(Seeds.Derive(42, "shuffle"), Seeds.Derive(43, "shuffle"));
    }
}
