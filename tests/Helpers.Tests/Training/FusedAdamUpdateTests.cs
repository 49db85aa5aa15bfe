using System.Runtime.InteropServices;
using NotebookCourse.Helpers.Training;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Training;

public class FusedAdamUpdateTests
{
    static readonly AdamStepScalars Step7 = AdamStepScalars.For(0.9, 0.999, 1e-8, 1e-3, 7);

    // Magnitudes as in training: gradients around 1e-3, moments that have seen a few of them, weights around 0.05.
    static (Tensor P, Tensor G, Tensor M, Tensor V) State(int n, int seed)
    {
        var generator = new TorchSharp.torch.Generator((ulong)seed);
        return (randn(n, generator: generator) * 0.05f, randn(n, generator: generator) * 1e-3f,
                randn(n, generator: generator) * 1e-4f, rand(n, generator: generator) * 1e-6f);
    }

    static float[] Values(Tensor t) => t.data<float>().ToArray();

    static int Differing(float[] a, float[] b) => a.Zip(b).Count(x => BitConverter.SingleToInt32Bits(x.First) != BitConverter.SingleToInt32Bits(x.Second));

    [Fact]
    public void Rounds_each_operation_as_libtorchs_operators_do_with_a_correctly_rounded_square_root()
    {
        var (p, g, m, v) = State(4099, 1);   // not a multiple of any vector width: the scalar tail runs too
        var (p0, m0, v0) = (p.clone(), m.clone(), v.clone());
        FusedAdamUpdate.Apply(p, g, m, v, Step7, threads: 1);

        // TorchSharp's Adam, operator by operator, with the square root taken in double and rounded once.
        double bc1 = 1 - Math.Pow(0.9, 7), bc2 = 1 - Math.Pow(0.999, 7);
        m0.mul_(0.9).add_(g, alpha: 1 - 0.9);
        v0.mul_(0.999).addcmul_(g, g, value: 1 - 0.999);
        var denominator = v0.to(float64).sqrt().to(float32).div_(Math.Sqrt(bc2)).add_(1e-8);
        p0.addcdiv_(m0, denominator, value: -1e-3 / bc1);

        Assert.Equal(0, Differing(Values(m0), Values(m)));
        Assert.Equal(0, Differing(Values(v0), Values(v)));
        Assert.Equal(0, Differing(Values(p0), Values(p)));
        Assert.False(p.eq(State(4099, 1).P).all().item<bool>());   // the parameters moved
    }

    [Fact]
    public void Vector_lanes_and_the_scalar_tail_compute_each_element_alike()
    {
        var (p, g, m, v) = State(1000 + 13, 2);
        float[] P = Values(p), G = Values(g), M = Values(m), V = Values(v);
        float[] expectedP = new float[P.Length], expectedM = (float[])M.Clone(), expectedV = (float[])V.Clone();
        for (int i = 0; i < P.Length; i++)
            expectedP[i] = FusedAdamUpdate.UpdateOne(ref expectedM[i], ref expectedV[i], P[i], G[i], Step7);
        FusedAdamUpdate.Update(P, G, M, V, Step7);
        Assert.Equal(0, Differing(expectedP, P));
        Assert.Equal(0, Differing(expectedM, M));
        Assert.Equal(0, Differing(expectedV, V));
    }

    [Fact]
    public void Gives_the_same_values_whatever_the_number_of_threads()
    {
        const int n = 300_007;   // several of the blocks that threads split, and a partial one
        float[]? first = null;
        foreach (int threads in new[] { 1, 2, 3 })
        {
            var (p, g, m, v) = State(n, 3);
            FusedAdamUpdate.Apply(p, g, m, v, Step7, threads);
            var values = Values(p).Concat(Values(m)).Concat(Values(v)).ToArray();
            first ??= values;
            Assert.Equal(0, Differing(first, values));
        }
        var (p1, g1, m1, v1) = State(n, 3);
        FusedAdamUpdate.Update(MemoryMarshal.Cast<byte, float>(p1.bytes), MemoryMarshal.Cast<byte, float>(g1.bytes),
            MemoryMarshal.Cast<byte, float>(m1.bytes), MemoryMarshal.Cast<byte, float>(v1.bytes), Step7);
        Assert.Equal(0, Differing(first!, Values(p1).Concat(Values(m1)).Concat(Values(v1)).ToArray()));
    }

    [Fact]
    public void Follows_adams_formulas_computed_by_hand()
    {
        // Step 1 (beta1 0.9, beta2 0.999, lr 0.1): m = 0.1 g, v = 0.001 g^2, so the bias-corrected step is
        // lr * g / (|g| + eps): each parameter moves by the learning rate against its gradient's sign.
        var p = tensor(new[] { 1f, 1f, 1f });
        var g = tensor(new[] { 0.5f, -2f, 1e-3f });
        var (m, v) = (zeros(3), zeros(3));
        FusedAdamUpdate.Apply(p, g, m, v, AdamStepScalars.For(0.9, 0.999, 1e-8, 0.1, 1), threads: 1);
        Assert.Equal(new[] { 0.05f, -0.2f, 1e-4f }, Values(m), (a, b) => Math.Abs(a - b) <= 1e-8f);
        double[] g1 = [0.5, -2, 1e-3];
        double[] p1 = g1.Select(gi => 1 - 0.1 * gi / (Math.Abs(gi) + 1e-8)).ToArray();   // 0.9, 1.1 and 0.900001
        Assert.Equal(p1, Values(p).Select(x => (double)x), (a, b) => Math.Abs(a - b) <= 2e-7);

        // Step 2 with no gradient: m = 0.9 * m1, v = 0.999 * v1, bias corrections 1 - 0.9^2 and 1 - 0.999^2.
        FusedAdamUpdate.Apply(p, zeros(3), m, v, AdamStepScalars.For(0.9, 0.999, 1e-8, 0.1, 2), threads: 1);
        for (int i = 0; i < 3; i++)
        {
            double m2 = 0.9 * 0.1 * g1[i], v2 = 0.999 * 0.001 * g1[i] * g1[i];
            double p2 = p1[i] - 0.1 * (m2 / (1 - 0.9 * 0.9)) / (Math.Sqrt(v2 / (1 - 0.999 * 0.999)) + 1e-8);
            Assert.True(Math.Abs(Values(p)[i] - p2) <= 2e-7, $"element {i}: {Values(p)[i]} against {p2}");
        }
    }

    [Fact]
    public void Stores_moments_that_fall_below_the_smallest_normal_float_as_zero()
    {
        // An embedding row no batch reads: no gradient for 1,000 steps, first moments just above float32's smallest
        // normal value (1.18e-38), so the first step takes them below it; one second moment too, a few steps later.
        const int n = 37;   // vector lanes and the scalar tail
        var p = full(n, 0.05f);
        p[0] = 0f;   // a parameter at zero, as a NonNeg constraint leaves many
        var m = full(n, 1.2e-38f);
        m[1] = -1.2e-38f;
        var v = full(n, 1e-10f);
        v[2] = 1.18e-38f;
        var (p0, m0, v0) = (p.clone(), m.clone(), v.clone());
        for (long step = 101; step <= 1100; step++)
        {
            var s = AdamStepScalars.For(0.9, 0.999, 1e-8, 1e-3, step);
            FusedAdamUpdate.Apply(p, zeros(n), m, v, s, threads: 1);
            // libtorch's operators on the same state keep the subnormal moments.
            double bc1 = 1 - Math.Pow(0.9, step), bc2 = 1 - Math.Pow(0.999, step);
            m0.mul_(0.9);
            v0.mul_(0.999);
            p0.addcdiv_(m0, v0.sqrt().div_(Math.Sqrt(bc2)).add_(1e-8), value: -1e-3 / bc1);
        }

        // libtorch's first moments are still subnormal after 1,000 steps (0.9 times a small one rounds back to it);
        // here they are zero, and so is the second moment that fell below.
        Assert.All(Values(m0), x => Assert.True(float.IsSubnormal(x), $"libtorch's moment {x}"));
        Assert.All(Values(m), x => Assert.Equal(0f, x));
        Assert.True(float.IsSubnormal(Values(v0)[2]));
        Assert.Equal(0f, Values(v)[2]);
        Assert.Equal(Values(v0).Where((_, i) => i != 2), Values(v).Where((_, i) => i != 2));
        // The parameters end equal, except the one at zero, which libtorch's subnormal moments moved by less than 1e-30.
        Assert.Equal(Values(p0).Skip(1), Values(p).Skip(1));
        Assert.Equal(0f, Values(p)[0]);
        Assert.InRange(Math.Abs(Values(p0)[0]), float.Epsilon, 1e-30f);
    }

    [Fact]
    public void Applies_only_to_contiguous_float32_tensors_in_cpu_memory()
    {
        var (p, g, m, v) = State(12, 4);
        Assert.True(FusedAdamUpdate.Applies(p, g, m, v));
        Assert.False(FusedAdamUpdate.Applies(p.to(float64), g.to(float64), m.to(float64), v.to(float64)));
        Assert.False(FusedAdamUpdate.Applies(p.reshape(3, 4).t(), g.reshape(3, 4).t(), m.reshape(3, 4).t(), v.reshape(3, 4).t()));
        Assert.False(FusedAdamUpdate.Applies(p, g.narrow(0, 0, 6), m, v));

        // Spans of different lengths are refused before the vector loop reads past the shorter one.
        var refused = Assert.Throws<ArgumentException>(() => FusedAdamUpdate.Update(new float[32], new float[31], new float[32], new float[32], Step7));
        Assert.Contains("got 31, 32, 32 and 32", refused.Message);
    }
}
