namespace NotebookCourse.Helpers.Tests;

/// <summary>Test traits: filter with --filter "Category!=GPU" and the like.</summary>
static class Traits
{
    public const string Category = "Category";
    public const string Gpu = "GPU";
}

/// <summary>Tests that read or change process-wide environment variables run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}
