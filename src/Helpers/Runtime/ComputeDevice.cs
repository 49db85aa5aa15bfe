using TorchSharp;

namespace NotebookCourse.Helpers.Runtime;

/// <summary>The one place where the course decides where tensors live: CUDA when available, else CPU.</summary>
public static class ComputeDevice
{
    /// <summary>Set to "cpu" to stay on the CPU on a GPU machine, or "cuda" to fail loudly where there is no GPU.</summary>
    public const string OverrideVariable = "COURSE_DEVICE";

    public static torch.Device Choose()
    {
        NativeBackend.EnsureLoaded();
        var requested = Environment.GetEnvironmentVariable(OverrideVariable)?.Trim().ToLowerInvariant();
        bool cudaAvailable = torch.cuda.is_available();
        return requested switch
        {
            null or "" => cudaAvailable ? torch.CUDA : torch.CPU,
            "cpu" => torch.CPU,
            "cuda" when cudaAvailable => torch.CUDA,
            "cuda" => throw new InvalidOperationException(
                $"{OverrideVariable}=cuda, but no CUDA device is available (backend built: {NativeBackend.BuildBackend}). " +
                "Unset it to use the CPU, or build with -p:TorchSharpBackend=cuda on a machine with an NVIDIA driver."),
            _ => throw new ArgumentException($"{OverrideVariable} is '{requested}'; expected 'cpu' or 'cuda' (or unset for automatic)."),
        };
    }
}
