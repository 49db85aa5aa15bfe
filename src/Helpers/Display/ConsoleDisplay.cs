using NotebookCourse.Helpers.Plots;

namespace NotebookCourse.Helpers.Display;

/// <summary>
/// <c>display(...)</c> for a lesson run outside a notebook (a file-based app): values are printed as the headless
/// runner prints them, and a chart is written as a page of its own (plotly.js inside, so it opens offline).
/// </summary>
public static class ConsoleDisplay
{
    static readonly Lock Gate = new();
    static int charts;

    /// <summary>Where charts are written; null keeps them unwritten (only their summary is printed).</summary>
    public static string? ChartFolder { get; set; }

    /// <summary>The start of each chart file's name, e.g. the lesson's name.</summary>
    public static string ChartFilePrefix { get; set; } = "chart";

    /// <summary>Prints <paramref name="value"/>; the handle prints a replacement later, as a notebook's display handle updates it.</summary>
    public static ConsoleDisplayHandle Show(object? value)
    {
        Console.WriteLine(Text(value));
        return new ConsoleDisplayHandle();
    }

    internal static string Text(object? value)
    {
        if (value is not HtmlChart chart)
            return PlainText.Of(value);
        if (ChartFolder is null)
            return chart.ToString();
        string path;
        lock (Gate)
            path = Path.Combine(ChartFolder, $"{ChartFilePrefix}.chart-{++charts:00}.html");
        Directory.CreateDirectory(ChartFolder);
        chart.SavePage(path);
        return $"{chart} -> {path}";
    }
}

/// <summary>What <see cref="ConsoleDisplay.Show"/> returns: <see cref="Update"/> prints the new value.</summary>
public sealed class ConsoleDisplayHandle
{
    internal ConsoleDisplayHandle() { }

    public void Update(object? value) => Console.WriteLine(ConsoleDisplay.Text(value));
}
