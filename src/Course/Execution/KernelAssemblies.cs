using System.Reflection;

namespace NotebookCourse.Course.Execution;

/// <summary>
/// What Polyglot's C# kernel process already holds before a notebook runs, held here too so that a lesson
/// fails headless where it would fail in VS Code. The kernel's NuGet support runs on the F# compiler service,
/// so FSharp.Core 10.0.0.0 is loaded; an assembly that needs a newer one (Plotly.NET 6 needs 10.1) cannot
/// load into the notebook's context there, and cannot here.
/// </summary>
public static class KernelAssemblies
{
    /// <summary>The FSharp.Core version the kernel holds.</summary>
    public static readonly Version FSharpCoreVersion = new(10, 0, 0, 0);

    /// <summary>Loads what the kernel holds into this process; idempotent.</summary>
    public static Assembly HoldFSharpCore()
    {
        var fsharpCore = typeof(Microsoft.FSharp.Core.Unit).Assembly;
        if (fsharpCore.GetName().Version != FSharpCoreVersion)
            throw new InvalidOperationException(
                $"The runner must hold FSharp.Core {FSharpCoreVersion}, as Polyglot's kernel does; it loaded {fsharpCore.GetName().Version}. Check the FSharp.Core version in src/Course's project.");
        return fsharpCore;
    }
}
