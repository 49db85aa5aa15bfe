using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace NotebookCourse.Course.Execution;

/// <summary>
/// The assemblies a notebook's cells compile against, all loaded into the default load context once:
/// a library referenced by several cells or several notebooks of one run, and its dependencies
/// (TorchSharp and its native backend), exist once in the process.
/// </summary>
public sealed class AssemblyReferences
{
    static readonly List<string> ProbeFolders = [];
    static bool hooked;

    readonly Dictionary<string, MetadataReference> references = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<MetadataReference> All => references.Values;

    /// <summary>The framework (including ASP.NET Core's HTML types) and the runner itself, for the cell globals.</summary>
    public static AssemblyReferences ForScripts()
    {
        var set = new AssemblyReferences();
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        string frameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string aspNetFolder = Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Html.HtmlString).Assembly.Location)!;
        foreach (var path in trusted)
        {
            string folder = Path.GetDirectoryName(path)!;
            string name = Path.GetFileNameWithoutExtension(path);
            bool framework = folder == frameworkFolder && (name.StartsWith("System.", StringComparison.Ordinal) || name is "System" or "mscorlib" or "netstandard" or "Microsoft.CSharp" or "Microsoft.VisualBasic" or "Microsoft.Win32.Primitives");
            bool html = folder == aspNetFolder && name is "Microsoft.AspNetCore.Html.Abstractions";
            if (framework || html)
                set.references[name] = MetadataReference.CreateFromFile(path);
        }
        set.Add(typeof(AssemblyReferences).Assembly);
        return set;
    }

    /// <summary>References an assembly already loaded in the process (e.g. one the runner ships).</summary>
    public void Add(Assembly assembly)
    {
        if (!assembly.IsDynamic && assembly.Location.Length > 0)
            references.TryAdd(assembly.GetName().Name!, MetadataReference.CreateFromFile(assembly.Location));
    }

    /// <summary>
    /// Loads <paramref name="path"/> (or reuses the copy already loaded under that name) and references it
    /// with every dependency found in its folder, as Polyglot's <c>#r</c> does.
    /// </summary>
    public Assembly AddFile(string path)
    {
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
            throw new FileNotFoundException($"#r: no assembly at '{fullPath}'.", fullPath);
        HookResolution();
        string folder = Path.GetDirectoryName(fullPath)!;
        lock (ProbeFolders)
        {
            if (!ProbeFolders.Contains(folder))
                ProbeFolders.Add(folder);
        }

        var name = AssemblyName.GetAssemblyName(fullPath);
        var assembly = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => a.GetName().Name == name.Name)
                       ?? AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
        AddWithDependencies(assembly);
        return assembly;
    }

    /// <summary>References <paramref name="root"/> and every assembly it references that can be loaded.</summary>
    public void AddWithDependencies(Assembly root)
    {
        var pending = new Stack<Assembly>([root]);
        while (pending.Count > 0)
        {
            var assembly = pending.Pop();
            string name = assembly.GetName().Name!;
            if (references.ContainsKey(name) && assembly != root)
                continue;
            Add(assembly);
            foreach (var dependency in assembly.GetReferencedAssemblies())
            {
                if (references.ContainsKey(dependency.Name!))
                    continue;
                try
                {
                    pending.Push(AssemblyLoadContext.Default.LoadFromAssemblyName(dependency));
                }
                catch (FileNotFoundException)
                {
                    // An optional dependency that is not shipped; compiling only fails if a cell uses it.
                }
            }
        }
    }

    static void HookResolution()
    {
        lock (ProbeFolders)
        {
            if (hooked)
                return;
            hooked = true;
        }
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            // An older copy already loaded does not stand in for a newer one, as in Polyglot's kernel: an assembly
            // built against FSharp.Core 10.1 must not run on the kernel's 10.0.
            var loaded = context.Assemblies.FirstOrDefault(a => a.GetName().Name == name.Name);
            if (loaded is not null && (name.Version is null || loaded.GetName().Version >= name.Version))
                return loaded;
            foreach (var folder in Snapshot())
            {
                string candidate = Path.Combine(folder, name.Name + ".dll");
                if (File.Exists(candidate))
                    return context.LoadFromAssemblyPath(candidate);
            }
            return null;
        };
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += (_, libraryName) =>
        {
            foreach (var folder in Snapshot())
            {
                foreach (var file in new[] { libraryName, $"lib{libraryName}.so", $"{libraryName}.so", $"lib{libraryName}.dylib", $"{libraryName}.dll" })
                {
                    string candidate = Path.Combine(folder, file);
                    if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle))
                        return handle;
                }
            }
            return IntPtr.Zero;
        };
    }

    static List<string> Snapshot()
    {
        lock (ProbeFolders)
            return [.. ProbeFolders];
    }
}
