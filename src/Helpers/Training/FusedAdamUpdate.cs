using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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

    /// <summary>The update on spans of one length; public to the tests, which compare it with libtorch's operators.</summary>
    internal static void Update(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v, AdamStepScalars s)
    {
        ref float rp = ref MemoryMarshal.GetReference(p), rm = ref MemoryMarshal.GetReference(m), rv = ref MemoryMarshal.GetReference(v);
        ref float rg = ref MemoryMarshal.GetReference(g);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> b1 = Vector512.Create(s.Beta1), a1 = Vector512.Create(s.OneMinusBeta1), b2 = Vector512.Create(s.Beta2), a2 = Vector512.Create(s.OneMinusBeta2);
            Vector512<float> c2 = Vector512.Create(s.SqrtBiasCorrection2), eps = Vector512.Create(s.Eps), step = Vector512.Create(s.StepSize);
            for (; i <= p.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                nuint o = (nuint)i;
                var gi = Vector512.LoadUnsafe(ref rg, o);
                var mi = Vector512.FusedMultiplyAdd(gi, a1, Vector512.LoadUnsafe(ref rm, o) * b1);
                var vi = Vector512.FusedMultiplyAdd(a2 * gi, gi, Vector512.LoadUnsafe(ref rv, o) * b2);
                mi.StoreUnsafe(ref rm, o);
                vi.StoreUnsafe(ref rv, o);
                (Vector512.LoadUnsafe(ref rp, o) + step * mi / (Vector512.Sqrt(vi) / c2 + eps)).StoreUnsafe(ref rp, o);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> b1 = Vector256.Create(s.Beta1), a1 = Vector256.Create(s.OneMinusBeta1), b2 = Vector256.Create(s.Beta2), a2 = Vector256.Create(s.OneMinusBeta2);
            Vector256<float> c2 = Vector256.Create(s.SqrtBiasCorrection2), eps = Vector256.Create(s.Eps), step = Vector256.Create(s.StepSize);
            for (; i <= p.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                nuint o = (nuint)i;
                var gi = Vector256.LoadUnsafe(ref rg, o);
                var mi = Vector256.FusedMultiplyAdd(gi, a1, Vector256.LoadUnsafe(ref rm, o) * b1);
                var vi = Vector256.FusedMultiplyAdd(a2 * gi, gi, Vector256.LoadUnsafe(ref rv, o) * b2);
                mi.StoreUnsafe(ref rm, o);
                vi.StoreUnsafe(ref rv, o);
                (Vector256.LoadUnsafe(ref rp, o) + step * mi / (Vector256.Sqrt(vi) / c2 + eps)).StoreUnsafe(ref rp, o);
            }
        }
        for (; i < p.Length; i++)
            p[i] = UpdateOne(ref m[i], ref v[i], p[i], g[i], s);
    }

    /// <summary>One element, as every vector lane computes it.</summary>
    internal static float UpdateOne(ref float m, ref float v, float p, float g, AdamStepScalars s)
    {
        m = MathF.FusedMultiplyAdd(g, s.OneMinusBeta1, m * s.Beta1);
        v = MathF.FusedMultiplyAdd(s.OneMinusBeta2 * g, g, v * s.Beta2);
        return p + s.StepSize * m / (MathF.Sqrt(v) / s.SqrtBiasCorrection2 + s.Eps);
    }
}
