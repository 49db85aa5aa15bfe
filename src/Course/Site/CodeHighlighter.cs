using System.Net;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NotebookCourse.Course.Site;

/// <summary>
/// A C# cell as HTML with its keywords, strings, numbers, comments and directives marked (classes k, s, n, c, d),
/// from Roslyn's own lexer, so the page needs no highlighting script. The text is kept exactly.
/// </summary>
public static class CodeHighlighter
{
    static readonly CSharpParseOptions Script = CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Preview);

    // Contextual keywords read as identifiers to the lexer; these are keywords wherever a lesson writes them
    // ("value" and "global" are not listed: lessons use them as names).
    static readonly HashSet<string> ContextualKeywords = ["var", "async", "await", "nameof", "record", "with", "when", "init", "required", "dynamic", "yield"];

    public static string Html(string code)
    {
        var root = CSharpSyntaxTree.ParseText(code, Script).GetRoot();
        var html = new StringBuilder();
        foreach (var token in root.DescendantTokens(descendIntoTrivia: false))
        {
            foreach (var trivia in token.LeadingTrivia)
                Trivia(html, trivia);
            Span(html, ClassOf(token), token.Text);
            foreach (var trivia in token.TrailingTrivia)
                Trivia(html, trivia);
        }
        return html.ToString();
    }

    static string? ClassOf(SyntaxToken token)
    {
        var kind = token.Kind();
        if (SyntaxFacts.IsKeywordKind(kind))
            return "k";
        if (kind == SyntaxKind.IdentifierToken && ContextualKeywords.Contains(token.Text))
            return "k";
        return kind switch
        {
            SyntaxKind.StringLiteralToken or SyntaxKind.CharacterLiteralToken or SyntaxKind.InterpolatedStringStartToken
                or SyntaxKind.InterpolatedStringEndToken or SyntaxKind.InterpolatedStringTextToken or SyntaxKind.InterpolatedVerbatimStringStartToken
                or SyntaxKind.InterpolatedRawStringEndToken or SyntaxKind.InterpolatedSingleLineRawStringStartToken
                or SyntaxKind.InterpolatedMultiLineRawStringStartToken or SyntaxKind.SingleLineRawStringLiteralToken
                or SyntaxKind.MultiLineRawStringLiteralToken or SyntaxKind.Utf8StringLiteralToken => "s",
            SyntaxKind.NumericLiteralToken => "n",
            _ => null,
        };
    }

    static void Trivia(StringBuilder html, SyntaxTrivia trivia)
    {
        string? css = trivia.Kind() switch
        {
            SyntaxKind.SingleLineCommentTrivia or SyntaxKind.MultiLineCommentTrivia or SyntaxKind.SingleLineDocumentationCommentTrivia
                or SyntaxKind.MultiLineDocumentationCommentTrivia => "c",
            SyntaxKind.DisabledTextTrivia => "c",
            _ when trivia.IsDirective || trivia.IsKind(SyntaxKind.SkippedTokensTrivia) || trivia.IsKind(SyntaxKind.ShebangDirectiveTrivia) => "d",
            _ => null,
        };
        Span(html, css, trivia.ToFullString());
    }

    static void Span(StringBuilder html, string? css, string text)
    {
        if (text.Length == 0)
            return;
        string encoded = WebUtility.HtmlEncode(text);
        html.Append(css is null ? encoded : $"<span class=\"{css}\">{encoded}</span>");
    }
}
