using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace NotebookCourse.Course.Execution;

/// <summary>What running one cell gave.</summary>
public sealed record CellResult(bool HasReturnValue, object? ReturnValue, CellFailure? Failure);

/// <summary>
/// One notebook's C# state, as in Polyglot's C# kernel: each cell is a script submission that sees the
/// variables of earlier ones and may redeclare them; a final expression without ';' is its value.
/// Submissions are compiled and loaded into the default load context here, so that every assembly a cell
/// references exists once in the process.
/// </summary>
public sealed class ScriptSession
{
    // Exactly the C# kernel's default imports (Microsoft.DotNet.Interactive.CSharp): a lesson that compiles here compiles there.
    public static readonly IReadOnlyList<string> DefaultImports = ["System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq"];

    readonly string notebookFolder;
    readonly string notebookName;
    readonly AssemblyReferences references = AssemblyReferences.ForScripts();
    readonly CSharpParseOptions parseOptions = CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Preview);
    readonly CSharpCompilationOptions compilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
        .WithUsings(DefaultImports)
        .WithOptimizationLevel(OptimizationLevel.Debug)
        .WithAllowUnsafe(true)
        .WithNullableContextOptions(NullableContextOptions.Disable);
    readonly object?[] submissions;
    CSharpCompilation? previous;

    public ScriptSession(string notebookPath, int maximumCells)
    {
        KernelAssemblies.HoldFSharpCore();
        notebookFolder = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        notebookName = Path.GetFileName(notebookPath);
        submissions = new object?[maximumCells + 2];
        submissions[0] = Globals;
    }

    public CellGlobals Globals { get; } = new();

    /// <summary>Runs one code cell; <paramref name="cellNumber"/> (1-based) names it in errors.</summary>
    public CellResult Run(string source, string? kernelName, int cellNumber, CellOutputs outputs, TimeSpan? timeout)
    {
        CellDirectives directives;
        try
        {
            directives = CellDirectives.Parse(source, kernelName);
            foreach (var assembly in directives.Assemblies)
                references.AddFile(Path.IsPathRooted(assembly.Path) ? assembly.Path : Path.Combine(notebookFolder, assembly.Path));
            foreach (var package in directives.Packages)
            {
                references.AddWithDependencies(ProvidedPackages.Resolve(package));
            }
        }
        catch (DirectiveException e)
        {
            return Failed(new CellFailure("directive", e.Line, "DirectiveError", e.Message, [e.Message]));
        }
        catch (Exception e) when (e is FileNotFoundException or BadImageFormatException or FileLoadException)
        {
            return Failed(new CellFailure("directive", null, e.GetType().Name, e.Message, [e.Message]));
        }

        string cellPath = $"{notebookName}#cell{cellNumber}";
        var tree = CSharpSyntaxTree.ParseText(SourceText.From(directives.Code, Encoding.UTF8), parseOptions, cellPath);
        var compilation = CSharpCompilation.CreateScriptCompilation(
            $"NotebookCourse.Cell{cellNumber}.{Guid.NewGuid():N}", tree, references.All, compilationOptions, previous, typeof(object), typeof(CellGlobals));

        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var emitted = compilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (!emitted.Success && errors.Count == 0)
        {
            // Only usings or directives: nothing to run, but later cells must see the usings.
            previous = compilation;
            return new CellResult(false, null, null);
        }
        if (emitted.Success && ObjectMemberWithoutReceiver(compilation, tree) is { } unqualified)
        {
            int line = unqualified.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            string message = $"The name '{unqualified.Identifier.Text}' does not exist in the current context";
            return Failed(new CellFailure("compile error", line, "CS0103", message,
                [$"line {line}: CS0103: {message} (Polyglot's C# kernel has no host object, so object's members need a receiver: object.{unqualified.Identifier.Text}(...))"]));
        }
        if (!emitted.Success)
        {
            var first = errors[0];
            var details = errors.Select(d => $"line {d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.Id}: {d.GetMessage()}").ToList();
            return Failed(new CellFailure("compile error", first.Location.GetLineSpan().StartLinePosition.Line + 1, first.Id, first.GetMessage(), details));
        }

        pe.Position = 0;
        pdb.Position = 0;
        var loaded = AssemblyLoadContext.Default.LoadFromStream(pe, pdb);
        var entry = compilation.GetEntryPoint(CancellationToken.None)!;
        var factory = loaded.GetType(entry.ContainingType.MetadataName)!.GetMethod(entry.MetadataName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!;
        previous = compilation;
        bool hasValue = HasResultExpression(compilation, tree);

        Globals.Outputs = outputs;
        var (savedOut, savedError) = (Console.Out, Console.Error);
        Console.SetOut(new CellConsoleWriter(outputs, "stdout"));
        Console.SetError(new CellConsoleWriter(outputs, "stderr"));
        try
        {
            var run = Task.Run(() => (Task<object>)factory.Invoke(null, [submissions])!);
            if (!run.Wait(timeout ?? Timeout.InfiniteTimeSpan))
                return Failed(new CellFailure("timeout", null, "TimeoutException", $"the cell ran longer than its timeout of {timeout!.Value.TotalSeconds:0.#} s", []));
            return new CellResult(hasValue, run.Result, null);
        }
        catch (AggregateException e)
        {
            var error = e.GetBaseException() is TargetInvocationException { InnerException: { } inner } ? inner : e.GetBaseException();
            return Failed(ExceptionFailure(error, cellPath));
        }
        finally
        {
            Console.SetOut(savedOut);
            Console.SetError(savedError);
        }
    }

    // Cells here compile against a host object (CellGlobals, for display), which puts object's members (ReferenceEquals,
    // Equals, GetType, ToString, GetHashCode) in scope unqualified. Polyglot's kernel has no host object and rejects them
    // with CS0103, so the runner does too. Inside a type declared in a cell they bind to that type, as in the kernel.
    static IdentifierNameSyntax? ObjectMemberWithoutReceiver(CSharpCompilation compilation, SyntaxTree tree)
    {
        var model = compilation.GetSemanticModel(tree);
        foreach (var name in tree.GetRoot().DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name || name.Parent is MemberBindingExpressionSyntax or QualifiedNameSyntax)
                continue;
            if (name.Ancestors().Any(a => a is TypeDeclarationSyntax))
                continue;
            var symbol = model.GetSymbolInfo(name).Symbol;
            if (symbol is IMethodSymbol { ContainingType.SpecialType: SpecialType.System_Object })
                return name;
        }
        return null;
    }

    // Polyglot shows a value when the cell ends in an expression without ';' that has one.
    static bool HasResultExpression(CSharpCompilation compilation, SyntaxTree tree)
    {
        var last = tree.GetCompilationUnitRoot().Members.LastOrDefault();
        if (last is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement })
            return false;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    static CellResult Failed(CellFailure failure) => new(false, null, failure);

    static CellFailure ExceptionFailure(Exception error, string cellPath)
    {
        // The innermost frame that belongs to the cell gives the line the learner wrote.
        int? line = new StackTrace(error, true).GetFrames()
            .Where(f => f.GetFileName() == cellPath && f.GetFileLineNumber() > 0)
            .Select(f => (int?)f.GetFileLineNumber())
            .FirstOrDefault();
        var details = error.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        return new CellFailure("exception", line, error.GetType().FullName ?? error.GetType().Name, error.Message, details);
    }
}
