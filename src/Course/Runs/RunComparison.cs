using System.Globalization;

namespace NotebookCourse.Course.Runs;

/// <summary>Runs of one lesson side by side: the parameters that differ between them and the final metrics.</summary>
public static class RunComparison
{
    public static IReadOnlyList<string> Columns(IReadOnlyList<RunRecord> runs, out IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var differing = runs.SelectMany(r => r.Parameters.Select(p => p.Name)).Distinct()
            .Where(name => runs.Select(r => r.Parameters.FirstOrDefault(p => p.Name == name)?.Value).Distinct().Count() > 1)
            .ToList();
        var metrics = runs.SelectMany(r => r.Metrics.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var header = new List<string> { "run", "status", "seconds" };
        header.AddRange(differing);
        header.AddRange(metrics);
        rows = runs.Select(r =>
        {
            var row = new List<string> { r.Started.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), r.Status, r.DurationSeconds.ToString("0.0", CultureInfo.InvariantCulture) };
            row.AddRange(differing.Select(name => r.Parameters.FirstOrDefault(p => p.Name == name)?.Value ?? ""));
            row.AddRange(metrics.Select(m => r.Metrics.TryGetValue(m, out var v) ? v.ToString("G6", CultureInfo.InvariantCulture) : ""));
            return (IReadOnlyList<string>)row;
        }).ToList();
        return header;
    }

    public static string Table(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToList();
        string Line(IReadOnlyList<string> cells) => string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
        return string.Join('\n', new[] { Line(header), string.Join("  ", widths.Select(w => new string('-', w))) }.Concat(rows.Select(Line))) + "\n";
    }
}
