using System.Reflection;
using TorchSharp;

namespace NotebookCourse.Helpers.Runtime;

/// <summary>
/// Loads TorchSharp's native backend. <c>torch.nn.*</c> alone does not trigger the load, so everything in the
/// library that touches TorchSharp goes through <see cref="EnsureLoaded"/> first.
/// </summary>
public static class NativeBackend
{
    static readonly Lock Gate = new();
    static bool loaded;

    /// <summary>The backend the library was built against: "cpu" or "cuda".</summary>
    public static string BuildBackend =>
        typeof(NativeBackend).Assembly.GetCustomAttribute<BuildBackendAttribute>()?.Backend ?? "cpu";

    /// <summary>Loads the native backend once; throws with what to do when it cannot.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (loaded)
                return;
            NativeHeapReuse.Apply();
            try
            {
                // A cuda build loads the CUDA libtorch; with no usable GPU it falls back to the CPU part.
                if (BuildBackend == "cuda")
                {
                    try { torch.InitializeDeviceType(DeviceType.CUDA); }
                    catch (Exception) { torch.InitializeDeviceType(DeviceType.CPU); }
                }
                else
                {
                    torch.InitializeDeviceType(DeviceType.CPU);
                }
            }
            catch (Exception e)
            {
                throw new InvalidOperationException(
                    "TorchSharp's native library did not load. Run 'dotnet build' from the repository root (it applies the " +
                    "libstdc++ fix where needed), then 'course doctor' for details; README, section 'Native library loading'. " +
                    $"Cause: {e.GetBaseException().Message.Split('\n')[0]}", e);
            }
            loaded = true;
        }
    }
}
