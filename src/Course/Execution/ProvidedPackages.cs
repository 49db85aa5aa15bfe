using System.Reflection;

namespace NotebookCourse.Course.Execution;

/// <summary>
/// The <c>#r "nuget: ..."</c> packages the headless runner can honour: the ones it ships, and
/// Plotly.NET.Interactive, whose job (chart display) its own formatting does.
/// </summary>
public static class ProvidedPackages
{
    public const string ChartDisplayPackage = "Plotly.NET.Interactive";

    static readonly Dictionary<string, Assembly> Shipped = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Plotly.NET"] = typeof(Plotly.NET.GenericChart).Assembly,
        ["Plotly.NET.CSharp"] = typeof(Plotly.NET.CSharp.Chart).Assembly,
        ["Microsoft.Data.Analysis"] = typeof(Microsoft.Data.Analysis.DataFrame).Assembly,
    };

    public static string VersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? assembly.GetName().Version?.ToString(3) ?? "?";

    public static string Describe() =>
        string.Join(", ", new[] { $"{ChartDisplayPackage} (charts are formatted by the runner)" }
            .Concat(Shipped.Select(p => $"{p.Key} {VersionOf(p.Value)}")));

    /// <summary>The assembly to reference for a package, or null when nothing needs referencing.</summary>
    public static Assembly? Resolve(PackageDirective package)
    {
        if (package.Id.Equals(ChartDisplayPackage, StringComparison.OrdinalIgnoreCase))
            return null;
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
