using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using NotebookCourse.Course.Execution;
using NotebookCourse.Course.Notebooks;
using NotebookCourse.Course.Parameters;
using NotebookCourse.Course.Runs;

namespace NotebookCourse.Course.Exporting;

/// <summary>A notebook that cannot become a file-based app as it is; the message names the cell and what to change.</summary>
public sealed class ExportException(string message) : Exception(message);

/// <summary>
/// Turns a lesson notebook into one C# file that runs with <c>dotnet run lesson.cs</c> (a .NET 10 file-based app):
/// <c>#:project</c> for the course library and <c>#:package</c> for each <c>#r "nuget: ..."</c>, the cells in order with
/// the markdown as comments, the parameters cell followed by its <c>--set</c> overrides, <c>display(...)</c> printed to
/// the console and charts written as pages next to the file.
/// A script cell and a program differ in a few ways, handled here: usings move to the top, types declared in cells to
/// the end, a cell's last expression without ';' is displayed, and a name may be declared once only.
/// </summary>
public static class FileBasedExport
{
    /// <summary>The course library's project, which a lesson's <c>#r ".../src/Helpers/bin/NotebookCourse.Helpers.dll"</c> stands for.</summary>
    public const string LibraryProject = "src/Helpers/NotebookCourse.Helpers.csproj";
    const string LibraryAssembly = "src/Helpers/bin/NotebookCourse.Helpers.dll";
    const string ArgumentsVariable = "exportArguments";

    // Warnings a notebook's cells commonly raise as a program (a value shown but never read, an unused local function).
    const string QuietWarnings = "CS0219;CS0168;CS8321;CS1998;CS0162";

    static readonly CSharpParseOptions ScriptOptions = CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Preview);

    /// <summary>Writes <paramref name="notebookPath"/> as <c>&lt;lesson&gt;.cs</c> in <paramref name="outputFolder"/> and returns its path.</summary>
    public static string Export(string notebookPath, string outputFolder)
    {
        var notebook = Notebook.Load(Path.GetFullPath(notebookPath));
        string repository = RepositoryLocator.Find(Path.GetDirectoryName(notebook.Path)!)
            ?? throw new ExportException($"'{notebookPath}' is not inside the course repository (no NotebookCourse.sln above it); the exported file builds the course library from there.");
        string folder = Path.GetFullPath(outputFolder);
        if (RepositoryLocator.Find(folder) != repository)
            throw new ExportException(
                $"the output folder '{folder}' is outside the repository '{repository}'. An exported lesson builds with the repository's settings " +
                "(package versions, TorchSharp's backend, the libstdc++ fix), which apply to files inside it; choose a folder in the repository (default: exports/).");
        string source = Source(notebook, repository, folder);
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, RunStore.LessonName(notebook.Path) + ".cs");
        File.WriteAllText(path + ".tmp", source);
        File.Move(path + ".tmp", path, overwrite: true);
        return path;
    }

    /// <summary>The file-based app's source for <paramref name="notebook"/>, to be written in <paramref name="outputFolder"/>.</summary>
    public static string Source(Notebook notebook, string repository, string outputFolder)
    {
        string lesson = RunStore.LessonName(notebook.Path);
        string notebookFolder = Path.GetDirectoryName(notebook.Path)!;
        var usings = new List<string>(ScriptSession.DefaultImports.Select(n => $"using {n};"));
        var packages = new List<string>();
        bool referencesLibrary = false;
        var body = new StringBuilder();
        var types = new StringBuilder();
        var declared = new Dictionary<string, int>(StringComparer.Ordinal);

        for (int index = 0; index < notebook.Cells.Count; index++)
        {
            var cell = notebook.Cells[index];
            int number = index + 1;
            if (cell.CellType == "markdown")
            {
                body.AppendLine().AppendLine($"// ---- cell {number} (markdown) ----");
                foreach (var line in cell.Source.ReplaceLineEndings("\n").TrimEnd().Split('\n'))
                    body.AppendLine(line.Length == 0 ? "//" : "// " + line);
                continue;
            }
            if (!cell.IsCode)
                continue;

            CellDirectives directives;
            try { directives = CellDirectives.Parse(cell.Source, cell.KernelName); }
            catch (DirectiveException e) { throw new ExportException($"{lesson}, cell {number}, line {e.Line}: {e.Message}"); }
            foreach (var package in directives.Packages)
            {
                // Versions come from the repository's Directory.Packages.props (central package management), as for every project.
                string directive = $"#:package {package.Id}";
                if (!packages.Contains(directive))
                    packages.Add(directive);
            }
            foreach (var assembly in directives.Assemblies)
            {
                string resolved = Path.GetFullPath(Path.Combine(notebookFolder, assembly.Path));
                if (resolved != Path.GetFullPath(Path.Combine(repository, LibraryAssembly)))
                    throw new ExportException($"{lesson}, cell {number}, line {assembly.Line}: #r \"{assembly.Path}\": an exported lesson references the course library only ({LibraryAssembly}), as a project.");
                referencesLibrary = true;
            }

            var tree = CSharpSyntaxTree.ParseText(directives.Code, ScriptOptions);
            var root = tree.GetCompilationUnitRoot();
            if (root.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } syntaxError)
                throw new ExportException($"{lesson}, cell {number}, line {syntaxError.Location.GetLineSpan().StartLinePosition.Line + 1}: {syntaxError.Id}: {syntaxError.GetMessage()}");

            var text = SourceText.From(directives.Code);
            var changes = new List<TextChange>();
            foreach (var directive in root.Usings)
            {
                string line = directive.WithoutTrivia().ToString();
                if (!usings.Contains(line))
                    usings.Add(line);
                // The using's own line goes; comments before it stay with the cell.
                changes.Add(new TextChange(TextSpan.FromBounds(directive.SpanStart, directive.FullSpan.End), ""));
            }
            foreach (var member in root.Members)
            {
                switch (member)
                {
                    case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax:
                        types.AppendLine().AppendLine($"// declared in cell {number}").AppendLine(member.ToFullString().Trim('\n', '\r'));
                        changes.Add(new TextChange(member.FullSpan, ""));
                        break;
                    case FieldDeclarationSyntax field:
                        if (field.Modifiers.Any(m => !m.IsKind(SyntaxKind.ConstKeyword)))
                            throw new ExportException($"{lesson}, cell {number}: '{field.Declaration}' has modifiers ({field.Modifiers}); a program's top-level variable takes none but const.");
                        foreach (var variable in field.Declaration.Variables)
                            Declare(variable.Identifier.Text, number);
                        break;
                    case GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local }:
                        foreach (var variable in local.Declaration.Variables)
                            Declare(variable.Identifier.Text, number);
                        break;
                    case GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax function }:
                        Declare(function.Identifier.Text, number);
                        break;
                    case MethodDeclarationSyntax method:
                        if (method.Modifiers.Any(m => m.Kind() is SyntaxKind.PublicKeyword or SyntaxKind.PrivateKeyword or SyntaxKind.InternalKeyword or SyntaxKind.ProtectedKeyword))
                            throw new ExportException($"{lesson}, cell {number}: method '{method.Identifier.Text}' has an access modifier; a program's local function takes none. Remove it in the notebook.");
                        Declare(method.Identifier.Text, number);
                        break;
                    case GlobalStatementSyntax:
                        break;
                    default:
                        throw new ExportException($"{lesson}, cell {number}: '{member.ToString().Split('\n')[0].Trim()}' has no place among a program's top-level statements.");
                }
            }
            // A cell's last expression without ';' is its shown value in Polyglot.
            if (root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } shown })
            {
                var expression = shown.Expression;
                changes.Add(new TextChange(expression.Span, IsStatementLike(expression) ? expression + ";" : $"display({expression});"));
            }
            string code = text.WithChanges(changes).ToString().ReplaceLineEndings("\n").Trim('\n');

            body.AppendLine().AppendLine($"// ---- cell {number} ----");
            body.AppendLine($"NotebookCourse.Helpers.Lessons.FileBasedLesson.Cell({number});");
            if (code.Trim().Length > 0)
                body.AppendLine(code);
            if (cell.Tags.Contains(LessonParameters.Tag))
                body.Append(ParameterOverrides(lesson, cell.Source));
        }

        if (!referencesLibrary)
            throw new ExportException($"{lesson}: no cell references the course library (#r \"../{LibraryAssembly}\"); a lesson's second cell does.");

        string projectPath = Path.GetRelativePath(outputFolder, Path.Combine(repository, LibraryProject)).Replace('\\', '/');
        string notebookRelative = Path.GetRelativePath(outputFolder, notebookFolder).Replace('\\', '/');
        string notebookShown = Path.GetRelativePath(repository, notebook.Path).Replace('\\', '/');
        string fileShown = Path.GetRelativePath(repository, Path.Combine(outputFolder, lesson + ".cs")).Replace('\\', '/');

        var file = new StringBuilder();
        file.AppendLine($"#:project {projectPath}");
        foreach (var package in packages)
            file.AppendLine(package);
        // A notebook cell compiles like this: no implicit usings or nullable analysis, warnings shown, not errors; and
        // not for native AOT (a file-based app's default), which turns off the reflection that JSON and TorchSharp use.
        file.AppendLine("#:property PublishAot=false");
        file.AppendLine("#:property ImplicitUsings=disable");
        file.AppendLine("#:property Nullable=disable");
        file.AppendLine("#:property TreatWarningsAsErrors=false");
        file.AppendLine($"#:property NoWarn=$(NoWarn);{QuietWarnings}");
        file.AppendLine();
        file.AppendLine($"// {lesson}, exported from {notebookShown} by `course export`: regenerate it rather than editing it.");
        file.AppendLine($"// Run it from the repository root: dotnet run {fileShown} [-- --set Name=Value ...]");
        file.AppendLine("// It runs in the notebook's folder, prints what the notebook displays, and writes each chart as a page next to this file.");
        file.AppendLine();
        foreach (var line in usings)
            file.AppendLine(line);
        file.AppendLine();
        file.AppendLine($"NotebookCourse.Helpers.Lessons.FileBasedLesson.Start({Literal(lesson)}, notebookFolder: {Literal(notebookRelative)});");
        file.Append(body);
        file.AppendLine();
        file.AppendLine("// Polyglot's display(...): printed to the console; a chart is written as a page next to this file.");
        file.AppendLine("static NotebookCourse.Helpers.Display.ConsoleDisplayHandle display(object value) => NotebookCourse.Helpers.Display.ConsoleDisplay.Show(value);");
        if (types.Length > 0)
            file.AppendLine().AppendLine("// Types declared in the notebook's cells (a program declares them after its statements).").Append(types);
        return file.ToString();

        void Declare(string name, int number)
        {
            if (declared.TryGetValue(name, out int first))
                throw new ExportException($"{lesson}: '{name}' is declared in cell {first} and again in cell {number}. A notebook may redeclare a name; a program may not. Rename one of them in the notebook.");
            declared[name] = number;
        }
    }

    // The parameters cell's names, read back from --set after it, as `course run --set` injects them.
    static string ParameterOverrides(string lesson, string source)
    {
        LessonParameters parameters;
        try { parameters = LessonParameters.Parse(source); }
        catch (ParameterException e) { throw new ExportException($"{lesson}: {e.Message}"); }
        var code = new StringBuilder();
        code.AppendLine("// `--set Name=Value` on the command line overrides these, as `course run --set` does.");
        code.AppendLine($"var {ArgumentsVariable} = NotebookCourse.Helpers.Lessons.LessonArguments.Parse(args{string.Concat(parameters.All.Select(p => $", ({Literal(p.Name)}, {p.Name})"))});");
        foreach (var parameter in parameters.All)
            code.AppendLine($"{parameter.Name} = {ArgumentsVariable}.Get({Literal(parameter.Name)}, {parameter.Name});");
        code.AppendLine($"Console.WriteLine({ArgumentsVariable});");
        return code.ToString();
    }

    // Calls whose value is not the point (they print or return nothing worth showing) stay statements.
    static bool IsStatementLike(ExpressionSyntax expression) =>
        expression is AssignmentExpressionSyntax or PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression }
        || expression is InvocationExpressionSyntax { Expression: var called } && called.ToString() is "display" or "Console.WriteLine" or "Console.Write";

    static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);
}
