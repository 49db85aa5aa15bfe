using System.Reflection;
using Microsoft.Data.Analysis;

namespace NotebookCourse.Helpers.Display;

/// <summary>
/// Rows of objects (records, anonymous types) as a DataFrame, one column per public property: Polyglot shows a
/// DataFrame as a table (with Microsoft.Data.Analysis added by #r "nuget: ..."), and a list of objects as nested trees.
/// </summary>
public static class Tables
{
    public static DataFrame FromRows<T>(IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        // Rows collected in a List<object> (anonymous rows built in a loop) take their columns from the rows' own type.
        var type = typeof(T) == typeof(object) && list.Count > 0 && list[0] is { } firstRow ? firstRow.GetType() : typeof(T);
        if (type != typeof(T) && list.Any(r => r?.GetType() != type))
            throw new ArgumentException($"Every row must have the same type to make a table; the first is {type.Name}.", nameof(rows));
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToList();
        if (properties.Count == 0)
            throw new ArgumentException($"{type.Name} has no public properties to make columns of.", nameof(rows));
        return new DataFrame(properties.Select(p => Column(p, list)));
    }

    static DataFrameColumn Column<T>(PropertyInfo property, List<T> rows)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var values = rows.Select(r => property.GetValue(r)).ToList();
        if (type == typeof(int) || type == typeof(long) || type == typeof(short))
            return new Int64DataFrameColumn(property.Name, values.Select(v => v is null ? (long?)null : Convert.ToInt64(v)));
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
            return new DoubleDataFrameColumn(property.Name, values.Select(v => v is null ? (double?)null : Convert.ToDouble(v)));
        if (type == typeof(bool))
            return new BooleanDataFrameColumn(property.Name, values.Select(v => (bool?)v));
        return new StringDataFrameColumn(property.Name, values.Select(v => v?.ToString()));
    }
}
