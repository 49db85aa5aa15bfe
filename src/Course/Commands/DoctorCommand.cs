using System.Reflection;
using System.Text.Json;
using NotebookCourse.Course.Execution;
using NotebookCourse.Course.Runs;

namespace NotebookCourse.Course.Commands;

/// <summary>
/// <c>course doctor</c>: prints the course library's environment report, each line OK, WARN or FAIL with its
/// fix. The library is loaded from its build output as a lesson loads it, so the report is about the
/// native files the lessons really use.
/// </summary>
public static class DoctorCommand
{
    const string ReportType = "NotebookCourse.Helpers.Runtime.EnvironmentReport";

    public static string DefaultLibraryPath()
    {
        string root = RepositoryLocator.Find(Directory.GetCurrentDirectory()) ?? RepositoryLocator.Find(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory();
        return Path.Combine(root, "src", "Helpers", "bin", "NotebookCourse.Helpers.dll");
    }

    public static int Execute(string? libraryPath, TextWriter output)
    {
        string library = Path.GetFullPath(libraryPath ?? DefaultLibraryPath());
        output.WriteLine($"course doctor: course library {library}");
        if (!File.Exists(library))
        {
            output.WriteLine($"FAIL course library  not built at {library}\n     fix: run 'dotnet build' at the repository root");
            return ExitCodes.CellFailed;
        }
        string json;
        try
        {
            var assembly = new AssemblyReferences().AddFile(library);
            var type = assembly.GetType(ReportType, throwOnError: true)!;
            var report = type.GetMethod("Collect", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!;
            json = (string)type.GetMethod("ToJson")!.Invoke(report, null)!;
        }
        catch (Exception e)
        {
            var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            output.WriteLine($"FAIL course library  could not report: {cause.GetType().Name}: {cause.Message}\n     fix: run 'dotnet build' at the repository root; README, 'Native library loading'");
            return ExitCodes.CellFailed;
        }

        using var checks = JsonDocument.Parse(json);
        var rows = checks.RootElement.EnumerateArray().Select(c => (
            Name: c.GetProperty("Name").GetString()!,
            Status: c.GetProperty("Status").GetString()!,
            Detail: c.GetProperty("Detail").GetString()!,
            Fix: c.TryGetProperty("Fix", out var fix) && fix.ValueKind == JsonValueKind.String ? fix.GetString() : null)).ToList();
        int width = rows.Max(r => r.Name.Length);
        foreach (var row in rows)
        {
            output.WriteLine($"{row.Status,-4} {row.Name.PadRight(width)}  {row.Detail}");
            if (row.Fix is not null)
                output.WriteLine($"     {"".PadRight(width)}  fix: {row.Fix}");
        }
        return rows.Any(r => r.Status == "FAIL") ? ExitCodes.CellFailed : ExitCodes.Success;
    }
}
