namespace NotebookCourse.Helpers.Runtime;

/// <summary>The TorchSharp backend (cpu or cuda) this library was built against, stamped in by the build.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class BuildBackendAttribute(string backend) : Attribute
{
    public string Backend { get; } = backend;
}
