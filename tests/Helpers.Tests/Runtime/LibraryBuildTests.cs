using System.Diagnostics;
using System.Reflection;
using NotebookCourse.Helpers.Runtime;

namespace NotebookCourse.Helpers.Tests.Runtime;

public class LibraryBuildTests
{
    [Fact]
    public void The_library_is_built_optimized_even_in_a_debug_build()
    {
        // The tests build in Debug, as a lesson's first cell and `dotnet run` do: this is the library they load.
        var debuggable = typeof(CourseRuntime).Assembly.GetCustomAttribute<DebuggableAttribute>();
        Assert.False(debuggable?.IsJITOptimizerDisabled ?? false,
            "NotebookCourse.Helpers was compiled without optimization: its C# loops (Adam, the embedding's backward) are then not optimized by the JIT, and lesson 2 takes almost twice as long.");
    }
}
