using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using System.Text.Json.Serialization;
using NotebookCourse.Helpers.Plots.Figures;

namespace NotebookCourse.Helpers.Plots;

/// <summary>
/// Turns a <see cref="FigureSpec"/> into HTML with Plotly.NET. Plotly.NET 6 needs FSharp.Core 10.1, while
/// Polyglot's C# kernel has FSharp.Core 10.0 loaded before any notebook runs, and a process cannot load two
/// versions into one context. So Plotly.NET, its FSharp.Core and the course's renderer are loaded from
/// <c>charts/</c> beside this library into a load context of their own, and only strings cross over.
/// </summary>
public static class ChartRendering
{
    /// <summary>The folder beside the library that holds the renderer and its dependencies.</summary>
    public const string FolderName = "charts";

    internal static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() }, WriteIndented = false };

    static readonly Lazy<(Func<string, bool, string> Render, Func<string, string> FigureJson, Func<string> PlotlyJs)> Renderer = new(LoadRenderer);
    static readonly Lazy<string> PlotlyJsSource = new(() => Renderer.Value.PlotlyJs());

    /// <summary>
    /// The HTML fragment that draws <paramref name="figure"/>. With <paramref name="loadPlotlyJs"/> it loads plotly.js
    /// from its CDN (as in Polyglot); without, the page must already hold <see cref="PlotlyJs"/>.
    /// </summary>
    public static string Render(FigureSpec figure, bool loadPlotlyJs)
    {
        ArgumentNullException.ThrowIfNull(figure);
        string json = JsonSerializer.Serialize(figure, Json);
        // A delegate bound to the method: its exceptions (a figure missing data) arrive as they were thrown.
        return Renderer.Value.Render(json, loadPlotlyJs);
    }

    /// <summary>The figure as plotly.js data and layout (JSON), for the <c>application/vnd.plotly.v1+json</c> output.</summary>
    public static string PlotlyFigureJson(FigureSpec figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return Renderer.Value.FigureJson(JsonSerializer.Serialize(figure, Json));
    }

    /// <summary>plotly.js (minified, about 3.5 MB), the version Plotly.NET draws with, for pages that work offline.</summary>
    public static string PlotlyJs => PlotlyJsSource.Value;

    /// <summary>The load context Plotly.NET runs in (null until the first chart), for the environment report and tests.</summary>
    public static AssemblyLoadContext? LoadContext { get; private set; }

    static (Func<string, bool, string>, Func<string, string>, Func<string>) LoadRenderer()
    {
        string folder = Path.Combine(Path.GetDirectoryName(typeof(ChartRendering).Assembly.Location) ?? AppContext.BaseDirectory, FolderName);
        string rendererPath = Path.Combine(folder, "NotebookCourse.Charts.dll");
        if (!File.Exists(rendererPath))
            throw new FileNotFoundException(
                $"The chart renderer is missing: no '{rendererPath}'. It is built with the course library; run 'dotnet build src/Helpers' in the repository root.",
                rendererPath);
        var context = new FolderLoadContext(folder);
        var renderer = context.LoadFromAssemblyPath(rendererPath).GetType("NotebookCourse.Charts.FigureRenderer", throwOnError: true)!;
        MethodInfo Method(string name, Type[] parameters) =>
            renderer.GetMethod(name, BindingFlags.Public | BindingFlags.Static, parameters)
            ?? throw new MissingMethodException($"NotebookCourse.Charts.FigureRenderer.{name} is missing; rebuild the course library (dotnet build src/Helpers).");
        LoadContext = context;
        return (Method("Render", [typeof(string), typeof(bool)]).CreateDelegate<Func<string, bool, string>>(),
                Method("FigureJson", [typeof(string)]).CreateDelegate<Func<string, string>>(),
                Method("PlotlyJs", []).CreateDelegate<Func<string>>());
    }

    // Assemblies in the folder come from the folder (FSharp.Core 10.1 among them); everything else, the
    // framework included, from the default context, so that strings and delegates are the same types on both sides.
    sealed class FolderLoadContext(string folder) : AssemblyLoadContext("NotebookCourse.Charts", isCollectible: false)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string candidate = Path.Combine(folder, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }
    }
}
