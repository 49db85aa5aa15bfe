using System.Reflection;

namespace NotebookCourse.Course.Execution;

/// <summary>
/// The <c>#r "nuget: ..."</c> packages the headless runner can honour: the ones it ships. Plotly.NET's packages
/// are refused with the reason, because they cannot work in Polyglot's kernel either (they need FSharp.Core 10.1).
/// </summary>
public static class ProvidedPackages
{
    static readonly Dictionary<string, Assembly> Shipped = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Microsoft.Data.Analysis"] = typeof(Microsoft.Data.Analysis.DataFrame).Assembly,
    };

    static readonly string[] NeedNewerFSharpCore = ["Plotly.NET", "Plotly.NET.CSharp", "Plotly.NET.Interactive"];

    public static string VersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? assembly.GetName().Version?.ToString(3) ?? "?";

    public static string Describe() => string.Join(", ", Shipped.Select(p => $"{p.Key} {VersionOf(p.Value)}"));

    /// <summary>The assembly to reference for a package.</summary>
    public static Assembly Resolve(PackageDirective package)
    {
        if (NeedNewerFSharpCore.Contains(package.Id, StringComparer.OrdinalIgnoreCase))
            throw new DirectiveException(package.Line,
                $"package '{package.Id}' needs FSharp.Core 10.1, and Polyglot's C# kernel already holds FSharp.Core {KernelAssemblies.FSharpCoreVersion}, " +
                "so it fails there when a chart is drawn; the runner refuses it for the same reason. " +
                "Draw charts with the course library (NotebookCourse.Helpers.Plots), which runs Plotly.NET in a load context of its own.");
        if (!Shipped.TryGetValue(package.Id, out var assembly))
            throw new DirectiveException(package.Line,
                $"package '{package.Id}'{(package.Version is null ? "" : $" {package.Version}")} is not available to the headless runner; " +
                $"it provides: {Describe()}. Reference a built DLL with #r \"path.dll\" instead.");
        string shipped = VersionOf(assembly);
        if (package.Version is not null && package.Version != shipped)
            throw new DirectiveException(package.Line, $"package '{package.Id}' {package.Version} was asked for; the runner ships {shipped}.");
        return assembly;
    }
}
