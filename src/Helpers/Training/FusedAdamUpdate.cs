using System.Numerics;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Training;

/// <summary>The scalars of one Adam step, rounded to float32 as libtorch rounds them for float32 tensors.</summary>
internal readonly record struct AdamStepScalars(float Beta1, float OneMinusBeta1, float Beta2, float OneMinusBeta2, float SqrtBiasCorrection2, float Eps, float StepSize)
{
    public static AdamStepScalars For(double beta1, double beta2, double eps, double learningRate, long step)
    {
        double biasCorrection1 = 1 - Math.Pow(beta1, step);
        double biasCorrection2 = 1 - Math.Pow(beta2, step);
        return new((float)beta1, (float)(1 - beta1), (float)beta2, (float)(1 - beta2), (float)Math.Sqrt(biasCorrection2), (float)eps, (float)(-learningRate / biasCorrection1));
    }
}

/// <summary>
/// Adam's whole update for float32 tensors in CPU memory, in one pass: each element's gradient, moments and parameter
/// are read once and written once. libtorch's operators make nine passes, and on a machine with little memory
/// bandwidth the optimizer's step was most of the original model's training step (benchmarks/Changes.md).
/// Each operation rounds as libtorch's do (a fused multiply-add where its kernels use one), except the square root,
/// which is correctly rounded here: libtorch's comes from MKL and differs from it in the last bit for some values,
/// and for a different share of values on different CPUs. Every element is computed alone, so the result does not
/// depend on the vector width, the thread count or the split.
/// Moments that fall below float32's smallest normal value are stored as zero (libtorch keeps them): an embedding row
/// that no batch reads has its first moment multiplied by beta1 every step, and it stays among the subnormal numbers
/// for good (0.9 times a small one rounds back to it). Arithmetic on those takes a slow path on x86 CPUs, six to ten
/// times as long here, so the optimizer's step grew epoch by epoch as more rows went unread (benchmarks/Changes.md).
/// The update such a moment makes is below learning rate x 1.2e-38 / eps once the bias correction is near 1 (1.2e-33
/// at the defaults), which rounds away in any parameter above 1e-25 in size: only parameters at or next to zero (as a
/// NonNeg constraint leaves them) can end differently.
/// </summary>
internal static class FusedAdamUpdate
{
    // Threads split a tensor in blocks of this many elements; smaller tensors are done on the calling thread.
    const int Block = 1 << 16;

    /// <summary>Whether the tensors can be updated here: float32, CPU, contiguous, one size, within a span's reach.</summary>
    public static bool Applies(Tensor parameter, Tensor grad, Tensor expAvg, Tensor expAvgSq)
    {
        long n = parameter.numel();
        if (n > int.MaxValue / sizeof(float))
            return false;
        foreach (var t in (ReadOnlySpan<Tensor>)[parameter, grad, expAvg, expAvgSq])
            if (t.dtype != ScalarType.Float32 || t.device_type != DeviceType.CPU || !t.is_contiguous() || t.numel() != n)
                return false;
        return true;
    }

    public static void Apply(Tensor parameter, Tensor grad, Tensor expAvg, Tensor expAvgSq, AdamStepScalars s, int threads)
    {
        long n = parameter.numel();
        if (n == 0)
            return;
        long blocks = (n + Block - 1) / Block;
        int workers = (int)Math.Clamp(blocks / 2, 1, Math.Max(1, threads));
        if (workers == 1)
        {
            Range(parameter, grad, expAvg, expAvgSq, 0, (int)n, s);
            return;
        }
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            long start = blocks * w / workers * Block, end = Math.Min(n, blocks * (w + 1) / workers * Block);
            Range(parameter, grad, expAvg, expAvgSq, (int)start, (int)(end - start), s);
        });
    }

    static Span<float> Floats(Tensor t, int start, int length) => MemoryMarshal.Cast<byte, float>(t.bytes).Slice(start, length);

    static void Range(Tensor parameter, Tensor grad, Tensor expAvg, Tensor expAvgSq, int start, int length, AdamStepScalars s) =>
        Update(Floats(parameter, start, length), Floats(grad, start, length), Floats(expAvg, start, length), Floats(expAvgSq, start, length), s);

    /// <summary>The update on spans of one length (internal for the tests, which compare it element by element).</summary>
    internal static void Update(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v, AdamStepScalars s)
    {
        // The vector loop reads by offset from each span's start: all four must be as long as the parameter.
        if (g.Length != p.Length || m.Length != p.Length || v.Length != p.Length)
            throw new ArgumentException($"Adam's update needs gradient, moments and parameter of one length; got {g.Length}, {m.Length}, {v.Length} and {p.Length}.");
        ref float rp = ref MemoryMarshal.GetReference(p), rm = ref MemoryMarshal.GetReference(m), rv = ref MemoryMarshal.GetReference(v);
        ref float rg = ref MemoryMarshal.GetReference(g);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<float> b1 = new(s.Beta1), a1 = new(s.OneMinusBeta1), b2 = new(s.Beta2), a2 = new(s.OneMinusBeta2);
            Vector<float> c2 = new(s.SqrtBiasCorrection2), eps = new(s.Eps), step = new(s.StepSize), normal = new(SmallestNormal);
            for (; i <= p.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                nuint o = (nuint)i;
                var gi = Vector.LoadUnsafe(ref rg, o);
                var mi = Vector.FusedMultiplyAdd(gi, a1, Vector.LoadUnsafe(ref rm, o) * b1);
                var vi = Vector.FusedMultiplyAdd(a2 * gi, gi, Vector.LoadUnsafe(ref rv, o) * b2);
                mi = Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(mi), normal), Vector<float>.Zero, mi);
                vi = Vector.ConditionalSelect(Vector.LessThan(vi, normal), Vector<float>.Zero, vi);
                mi.StoreUnsafe(ref rm, o);
                vi.StoreUnsafe(ref rv, o);
                (Vector.LoadUnsafe(ref rp, o) + step * mi / (Vector.SquareRoot(vi) / c2 + eps)).StoreUnsafe(ref rp, o);
            }
        }
        for (; i < p.Length; i++)
            p[i] = UpdateOne(ref m[i], ref v[i], p[i], g[i], s);
    }

    /// <summary>One element, as every vector lane computes it.</summary>
    internal static float UpdateOne(ref float m, ref float v, float p, float g, AdamStepScalars s)
    {
        m = Normal(MathF.FusedMultiplyAdd(g, s.OneMinusBeta1, m * s.Beta1));
        v = Normal(MathF.FusedMultiplyAdd(s.OneMinusBeta2 * g, g, v * s.Beta2));
        return p + s.StepSize * m / (MathF.Sqrt(v) / s.SqrtBiasCorrection2 + s.Eps);
    }

    const float SmallestNormal = 1.17549435e-38f;

    // A comparison, not float.IsSubnormal: it also turns -0 into +0, as the vector lanes' select does.
    static float Normal(float x) => MathF.Abs(x) < SmallestNormal ? 0 : x;
}
