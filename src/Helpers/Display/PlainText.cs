using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.Data.Analysis;

namespace NotebookCourse.Helpers.Display;

// Compiled into the course library (a lesson run as a file-based app prints with it) and, as a linked file, into the
// `course` runner (text/plain of executed notebooks), so both print a value the same way.

/// <summary>How a value shown by a cell reads as text: tensors with their values, DataFrames aligned, sequences in brackets.</summary>
internal static class PlainText
{
    public const int MaxRowsShown = 50;
    const int MaxItemsShown = 100;

    public static string Of(object? value) => value switch
    {
        null => "null",
        string text => text,
        _ when FormatterConvention.TryFormat(value, "text/plain") is { } formatted => formatted,
        DataFrame frame => Table(frame),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ when IsTensor(value) => TensorText(value),
        IDictionary dictionary => "{" + string.Join(", ", Entries(dictionary).Take(MaxItemsShown).Select(e => $"{Of(e.Key)}: {Of(e.Value)}")) + (dictionary.Count > MaxItemsShown ? ", ..." : "") + "}",
        IEnumerable items when !HasOwnToString(value) => Sequence(items),
        _ => value.ToString() ?? "",
    };

    // DataFrame.ToString pads to a fixed width with no separator, so long numbers run together; align instead.
    public static string Table(DataFrame frame)
    {
        long rows = Math.Min(frame.Rows.Count, MaxRowsShown);
        var columns = frame.Columns.Select(c => new[] { c.Name }.Concat(Enumerable.Range(0, (int)rows).Select(r => CellText(c[r]))).ToArray()).ToList();
        var widths = columns.Select(c => c.Max(v => v.Length)).ToList();
        var text = new StringBuilder($"DataFrame: {frame.Rows.Count} rows x {frame.Columns.Count} columns\n");
        for (int r = 0; r <= rows; r++)
            text.AppendLine(string.Join("  ", columns.Select((c, i) => c[r].PadLeft(widths[i]))).TrimEnd());
        if (frame.Rows.Count > MaxRowsShown)
            text.AppendLine($"({MaxRowsShown} of {frame.Rows.Count} rows shown)");
        return text.ToString();
    }

    /// <summary>A table cell: floating-point values to six significant digits.</summary>
    public static string CellText(object? value) => value switch
    {
        float f => f.ToString("G6", CultureInfo.InvariantCulture),
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        _ => Of(value),
    };

    // A generic dictionary enumerates KeyValuePairs; its IDictionaryEnumerator gives entries for any dictionary.
    static IEnumerable<DictionaryEntry> Entries(IDictionary dictionary)
    {
        var enumerator = dictionary.GetEnumerator();
        while (enumerator.MoveNext())
            yield return enumerator.Entry;
    }

    static string Sequence(IEnumerable items)
    {
        var shown = items.Cast<object?>().Take(MaxItemsShown + 1).ToList();
        var parts = shown.Take(MaxItemsShown).Select(Of);
        return "[" + string.Join(", ", parts) + (shown.Count > MaxItemsShown ? ", ..." : "") + "]";
    }

    // Records and other types that print themselves well should not be shown as sequences.
    static bool HasOwnToString(object value) =>
        value.GetType().GetMethod("ToString", Type.EmptyTypes)?.DeclaringType is { } declaring
        && declaring != typeof(object) && !declaring.Namespace!.StartsWith("System", StringComparison.Ordinal);

    // The runner does not reference TorchSharp (notebooks load their own copy), so tensors are
    // recognised by name and printed through their own ToString(TensorStringStyle, ...).
    const string TensorTypeName = "TorchSharp.torch+Tensor";

    static bool IsTensor(object value) => value.GetType().FullName == TensorTypeName;

    static string TensorText(object tensor)
    {
        var method = tensor.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(m => m.Name == "ToString" && m.GetParameters() is { Length: 5 } p && p[0].ParameterType.Name == "TensorStringStyle");
        if (method is null)
            return tensor.ToString() ?? "";
        var style = Enum.Parse(method.GetParameters()[0].ParameterType, "Julia");
        return (string)method.Invoke(tensor, [style, "g5", null, CultureInfo.InvariantCulture, "\n"])!;
    }
}
