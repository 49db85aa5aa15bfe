using System.Globalization;
using System.Text.Json;

namespace NotebookCourse.Helpers.Runs;

/// <summary>
/// Metrics a lesson reports (final accuracy, time per epoch, ...). Under <c>course run</c> each report is
/// appended as a JSON line to the file named by <see cref="FileVariable"/>, and the run record keeps the
/// last value of each; in an editor the values are only kept in <see cref="Latest"/>.
/// </summary>
public static class RunMetrics
{
    /// <summary>Set by the headless runner for each run.</summary>
    public const string FileVariable = "COURSE_RUN_METRICS";

    static readonly Dictionary<string, double> latest = [];
    static readonly Lock Gate = new();

    public static IReadOnlyDictionary<string, double> Latest
    {
        get { lock (Gate) return new Dictionary<string, double>(latest); }
    }

    /// <summary>Reports <paramref name="value"/> for <paramref name="name"/>; a later report of the same name replaces it.</summary>
    public static double Report(string name, double value)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("A metric needs a name, e.g. \"val_accuracy\".", nameof(name));
        lock (Gate)
        {
            latest[name] = value;
            if (Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } file)
            {
                // JSON has no NaN or infinity; those are written as strings.
                object written = double.IsFinite(value) ? value : value.ToString(CultureInfo.InvariantCulture);
                File.AppendAllText(file, JsonSerializer.Serialize(new { name, value = written, time = DateTimeOffset.UtcNow }) + "\n");
            }
        }
        return value;
    }
}
