using System.Globalization;

namespace NotebookCourse.Helpers.Lessons;

// Compiled into the course library (a lesson run as a file-based app reads --set with it) and, as a linked file,
// into the `course` runner (course run --set), so a value means the same in both.

/// <summary>How a <c>--set Name=Value</c> text becomes a value of the parameter's type, the type its literal fixes.</summary>
internal static class ParameterValues
{
    /// <summary>"int", "long", "double", "float", "bool" or "string" for a parameter's current value; null for other types.</summary>
    public static string? TypeName(object value) => value switch
    {
        int => "int",
        long => "long",
        double => "double",
        float => "float",
        bool => "bool",
        string => "string",
        _ => null,
    };

    /// <summary>The value of <paramref name="text"/> as <paramref name="type"/>, or null when it is not one (NaN and infinity are not).</summary>
    public static object? Parse(string type, string text)
    {
        var invariant = CultureInfo.InvariantCulture;
        return type switch
        {
            "int" => int.TryParse(text, NumberStyles.Integer, invariant, out var i) ? i : null,
            "long" => long.TryParse(text.TrimEnd('L', 'l'), NumberStyles.Integer, invariant, out var l) ? l : null,
            "double" => double.TryParse(text.TrimEnd('d', 'D'), NumberStyles.Float, invariant, out var d) && double.IsFinite(d) ? d : null,
            "float" => float.TryParse(text.TrimEnd('f', 'F'), NumberStyles.Float, invariant, out var f) && float.IsFinite(f) ? f : null,
            "bool" => bool.TryParse(text, out var b) ? b : null,
            "string" => text,
            _ => null,
        };
    }

    /// <summary>"an int", "a double": for messages.</summary>
    public static string WithArticle(string type) => type is "int" ? "an int" : $"a {type}";

    /// <summary>"Name=Value" split at the first '='; null when there is no name.</summary>
    public static KeyValuePair<string, string>? SplitAssignment(string text)
    {
        int equals = text.IndexOf('=');
        return equals <= 0 ? null : new(text[..equals].Trim(), text[(equals + 1)..]);
    }
}
