using System.Text.RegularExpressions;

namespace NotebookCourse.Course.Execution;

/// <summary>A problem with a directive line; reported like a compile error of that cell.</summary>
public sealed class DirectiveException(int line, string message) : Exception(message)
{
    /// <summary>1-based line within the cell.</summary>
    public int Line { get; } = line;
}

/// <summary>An <c>#r "path.dll"</c> line.</summary>
public sealed record AssemblyDirective(int Line, string Path);

/// <summary>An <c>#r "nuget: Id, Version"</c> line.</summary>
public sealed record PackageDirective(int Line, string Id, string? Version);

/// <summary>
/// The Polyglot directives of a C# cell, taken out of its code. Directive lines are blanked rather than
/// removed, so compiler line numbers still match the cell as the learner sees it.
/// </summary>
public sealed partial class CellDirectives
{
    public required string Code { get; init; }
    public required IReadOnlyList<AssemblyDirective> Assemblies { get; init; }
    public required IReadOnlyList<PackageDirective> Packages { get; init; }

    static readonly HashSet<string> CSharpKernelNames = ["csharp", "c#", "C#"];

    /// <param name="kernelName">The cell's kernel from its metadata, if any.</param>
    public static CellDirectives Parse(string source, string? kernelName)
    {
        if (kernelName is not null && !CSharpKernelNames.Contains(kernelName))
            throw new DirectiveException(1, $"this cell is for the '{kernelName}' kernel; the runner executes C# cells only (kernel 'csharp').");

        var lines = source.Replace("\r\n", "\n").Split('\n');
        var assemblies = new List<AssemblyDirective>();
        var packages = new List<PackageDirective>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            int number = i + 1;
            if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                string name = line[2..].Split(' ', 2)[0];
                if (!CSharpKernelNames.Contains(name))
                    throw new DirectiveException(number, $"'#!{name}' selects another kernel or a magic command; the runner executes C# cells only ('#!csharp').");
                lines[i] = "";
            }
            else if (line.StartsWith("#r ", StringComparison.Ordinal) || line.StartsWith("#r\t", StringComparison.Ordinal))
            {
                var quoted = QuotedArgument().Match(line[2..]);
                if (!quoted.Success)
                    throw new DirectiveException(number, $"'{line}': expected #r \"path/to/assembly.dll\" or #r \"nuget: Id, Version\".");
                string argument = quoted.Groups[1].Value;
                if (argument.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                {
                    var parts = argument["nuget:".Length..].Split(',', StringSplitOptions.TrimEntries);
                    if (parts[0].Length == 0)
                        throw new DirectiveException(number, $"'{line}': the package id is missing (expected #r \"nuget: Id, Version\").");
                    packages.Add(new PackageDirective(number, parts[0], parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null));
                }
                else
                {
                    assemblies.Add(new AssemblyDirective(number, argument));
                }
                lines[i] = "";
            }
            else if (line.StartsWith("#i ", StringComparison.Ordinal))
            {
                throw new DirectiveException(number, $"'{line}': package sources (#i) are not supported by the runner.");
            }
        }
        return new CellDirectives { Code = string.Join('\n', lines), Assemblies = assemblies, Packages = packages };
    }

    [GeneratedRegex("^\\s*\"([^\"]*)\"\\s*$")]
    private static partial Regex QuotedArgument();
}
