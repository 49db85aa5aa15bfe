namespace NotebookCourse.Helpers.Tests;

/// <summary>Runs code with an environment variable set, restoring it after (tests in <see cref="ProcessEnvironmentCollection"/>).</summary>
static class EnvironmentVariables
{
    public static void With(string name, string? value, Action action)
    {
        var saved = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
        try { action(); }
        finally { Environment.SetEnvironmentVariable(name, saved); }
    }
}
