using TorchSharp;

namespace NotebookCourse.Helpers.Runtime;

/// <summary>
/// Seeds every random source the course uses: TorchSharp's CPU and CUDA generators, and the .NET
/// <see cref="Random"/> instances the library hands out for data generation and shuffling.
/// </summary>
public static class Seeds
{
    /// <summary>The seed last set; 0 until <see cref="Set"/> is called.</summary>
    public static int Current { get; private set; }

    public static void Set(int seed)
    {
        NativeBackend.EnsureLoaded();
        torch.manual_seed(seed);
        if (torch.cuda.is_available())
            torch.cuda.manual_seed_all(seed);
        Current = seed;
    }

    /// <summary>
    /// A <see cref="Random"/> determined by the current seed and <paramref name="purpose"/>, so that separate uses
    /// (shuffling, corpus generation) do not disturb each other's sequences.
    /// </summary>
    public static Random NewRandom(string purpose) => new(Derive(Current, purpose));

    /// <summary>A seed derived from <paramref name="seed"/> and <paramref name="purpose"/>, stable across processes and platforms.</summary>
    public static int Derive(int seed, string purpose)
    {
        // FNV-1a: string.GetHashCode is randomised per process, which would break reruns.
        uint hash = 2166136261;
        foreach (byte b in BitConverter.GetBytes(seed).Concat(System.Text.Encoding.UTF8.GetBytes(purpose)))
            hash = (hash ^ b) * 16777619;
        return (int)(hash & 0x7fffffff);
    }
}
