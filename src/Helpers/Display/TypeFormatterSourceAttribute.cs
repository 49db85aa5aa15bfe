using System.ComponentModel;

namespace NotebookCourse.Helpers.Display;

// .NET Interactive finds formatters by convention: an attribute named TypeFormatterSourceAttribute with a
// FormatterSourceType, whose CreateTypeFormatters() gives objects with MimeType and Format(object, TextWriter).
// Matching by name means the library needs no reference to the (deprecated) kernel packages.

/// <summary>Names the formatter source of a type, by .NET Interactive's naming convention; <c>course run</c> honours it the same way.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;

    public string[] PreferredMimeTypes { get; set; } = ["text/html"];
}
