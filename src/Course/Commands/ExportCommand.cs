using NotebookCourse.Course.Exporting;
using NotebookCourse.Course.Notebooks;
using NotebookCourse.Course.Runs;

namespace NotebookCourse.Course.Commands;

/// <summary><c>course export &lt;notebook or folder&gt;... [--out DIR]</c>: each lesson as a .NET 10 file-based app.</summary>
public static class ExportCommand
{
    public const string DefaultFolder = "exports";

    public static int Execute(IReadOnlyList<string> paths, string? outputFolder, TextWriter output, TextWriter errors)
    {
        try
        {
            var notebooks = RunCommand.Expand(paths);
            string folder = outputFolder ?? Path.Combine(
                RepositoryLocator.Find(Path.GetDirectoryName(Path.GetFullPath(notebooks[0]))!) ?? Directory.GetCurrentDirectory(), DefaultFolder);
            foreach (var notebook in notebooks)
            {
                string written = FileBasedExport.Export(notebook, folder);
                output.WriteLine($"{RunStore.LessonName(notebook)} -> {Path.GetRelativePath(Directory.GetCurrentDirectory(), written)}");
            }
            output.WriteLine($"Run one with: dotnet run {Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(folder, RunStore.LessonName(notebooks[0]) + ".cs"))} [-- --set Name=Value ...]");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or NotebookFormatException or ExportException)
        {
            errors.WriteLine($"course export: {e.Message}");
            return ExitCodes.InputError;
        }
    }
}
