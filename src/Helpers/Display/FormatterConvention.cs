using System.Reflection;

namespace NotebookCourse.Helpers.Display;

// Compiled into the course library and, as a linked file, into the `course` runner, which does not reference the library.

/// <summary>
/// .NET Interactive's formatter convention, as its Formatter applies it: a type (or a base type) carries an
/// attribute named <c>TypeFormatterSourceAttribute</c> whose <c>FormatterSourceType</c> creates formatters
/// with a <c>MimeType</c> and a <c>bool Format(object, TextWriter)</c>. Matched by name, as the kernel does, so
/// a library formats the same way in Polyglot and here without referencing either.
/// </summary>
internal static class FormatterConvention
{
    const string AttributeName = "TypeFormatterSourceAttribute";

    /// <summary>The value formatted for <paramref name="mimeType"/>, or null when it names no such formatter.</summary>
    public static string? TryFormat(object? value, string mimeType)
    {
        if (value is null)
            return null;
        foreach (var source in Sources(value.GetType()))
        {
            if (source.GetMethod("CreateTypeFormatters", Type.EmptyTypes) is not { } create
                || source.GetConstructor(Type.EmptyTypes) is null
                || Activator.CreateInstance(source) is not { } instance
                || create.Invoke(instance, null) is not System.Collections.IEnumerable formatters)
                continue;
            foreach (var formatter in formatters)
            {
                if (formatter is null)
                    continue;
                var type = formatter.GetType();
                if (type.GetProperty("MimeType")?.GetValue(formatter) as string != mimeType)
                    continue;
                if (type.GetMethod("Format", [typeof(object), typeof(TextWriter)]) is not { } format)
                    continue;
                using var writer = new StringWriter();
                if (format.Invoke(formatter, [value, writer]) is true)
                    return writer.ToString();
            }
        }
        return null;
    }

    static IEnumerable<Type> Sources(Type? type)
    {
        for (; type is not null; type = type.BaseType)
            foreach (var attribute in type.GetCustomAttributes(inherit: false))
                if (attribute.GetType().Name == AttributeName
                    && attribute.GetType().GetProperty("FormatterSourceType", BindingFlags.Public | BindingFlags.Instance)?.GetValue(attribute) is Type source)
                    yield return source;
    }
}
