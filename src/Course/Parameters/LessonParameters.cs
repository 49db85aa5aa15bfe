using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NotebookCourse.Helpers.Lessons;

namespace NotebookCourse.Course.Parameters;

/// <summary>A bad <c>--set</c>, a bad parameters cell: input errors (exit code 2).</summary>
public sealed class ParameterException(string message) : Exception(message);

/// <summary>One <c>var Name = literal;</c> line of a lesson's parameters cell.</summary>
public sealed record LessonParameter(string Name, string Type, string Literal, object Value);

/// <summary>
/// The cell tagged <c>parameters</c>: plain <c>var Name = literal;</c> lines whose literal fixes the type
/// (int, long, double, float, bool, string). <c>--set Name=Value</c> overrides are typed by it.
/// </summary>
public sealed class LessonParameters
{
    public const string Tag = "parameters";
    public const string InjectedTag = "injected-parameters";

    LessonParameters(IReadOnlyList<LessonParameter> all) => All = all;

    public IReadOnlyList<LessonParameter> All { get; }

    public static LessonParameters Parse(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, CSharpParseOptions.Default.WithKind(SourceCodeKind.Script));
        var root = tree.GetCompilationUnitRoot();
        var parameters = new List<LessonParameter>();
        foreach (var member in root.Members)
        {
            // At a script's top level, `var X = 1;` parses as a field declaration.
            var declaration = member switch
            {
                FieldDeclarationSyntax field => field.Declaration,
                GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } => local.Declaration,
                _ => throw new ParameterException($"the parameters cell may hold only 'var Name = literal;' lines; found: {member.ToString().Split('\n')[0].Trim()}"),
            };
            foreach (var variable in declaration.Variables)
            {
                var initializer = variable.Initializer?.Value
                    ?? throw new ParameterException($"parameter '{variable.Identifier.Text}' has no value; expected 'var {variable.Identifier.Text} = literal;'.");
                var (type, value) = LiteralOf(initializer)
                    ?? throw new ParameterException($"parameter '{variable.Identifier.Text}' = {initializer}: expected an int, long, double, float, bool or string literal.");
                parameters.Add(new LessonParameter(variable.Identifier.Text, type, initializer.ToString(), value));
            }
        }
        return new LessonParameters(parameters);
    }

    public string Describe() => string.Join(", ", All.Select(p => $"{p.Name} ({p.Type})"));

    /// <summary>
    /// Checks <paramref name="overrides"/> (name, text) and returns the C# lines that redeclare them.
    /// Throws with the valid names and types on an unknown name or a value of the wrong type.
    /// </summary>
    public IReadOnlyList<LessonParameter> Override(IReadOnlyList<KeyValuePair<string, string>> overrides)
    {
        var result = new List<LessonParameter>();
        foreach (var (name, text) in overrides)
        {
            var parameter = All.FirstOrDefault(p => p.Name == name)
                ?? throw new ParameterException($"unknown parameter '{name}'; valid parameters: {Describe()}.");
            var value = ParameterValues.Parse(parameter.Type, text)
                ?? throw new ParameterException($"parameter '{name}' is {ParameterValues.WithArticle(parameter.Type)}; '{text}' is not. Valid parameters: {Describe()}.");
            result.Add(parameter with { Literal = ToLiteral(value), Value = value });
        }
        return result;
    }

    public static string InjectedCellSource(IEnumerable<LessonParameter> injected) =>
        "// Parameters injected by `course run --set`; they replace the values above.\n" +
        string.Join("\n", injected.Select(p => $"var {p.Name} = {p.Literal};"));

    static (string Type, object Value)? LiteralOf(ExpressionSyntax expression)
    {
        bool negative = false;
        if (expression is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } minus)
        {
            negative = true;
            expression = minus.Operand;
        }
        if (expression is not LiteralExpressionSyntax literal)
            return null;
        object? value = literal.Token.Value;
        return (value, negative) switch
        {
            (int i, _) => ("int", negative ? -i : i),
            (long l, _) => ("long", negative ? -l : l),
            (double d, _) => ("double", negative ? -d : d),
            (float f, _) => ("float", negative ? -f : f),
            (bool b, false) => ("bool", b),
            (string s, false) => ("string", s),
            _ => null,
        };
    }

    public static string ToLiteral(object value) => value switch
    {
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + "d",
        float f => f.ToString("R", CultureInfo.InvariantCulture) + "f",
        bool b => b ? "true" : "false",
        string s => SymbolDisplay.FormatLiteral(s, quote: true),
        _ => throw new ArgumentException($"unsupported parameter value type {value.GetType().Name}"),
    };
}
