using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Markdig;
using NotebookCourse.Course.Formatting;
using NotebookCourse.Course.Runs;

namespace NotebookCourse.Course.Site;

/// <summary>One lesson's run that the site shows.</summary>
public sealed record SiteLesson(string Lesson, string RunFolder, RunRecord Record);

/// <summary>What a built page holds: its claims by outcome and its charts.</summary>
public sealed record SitePage(string Lesson, string FileName, string Title, int Checked, int NotShown, int Failed, int Charts, bool Succeeded);

/// <summary>
/// The course as a static site built from executed notebooks: an index of the lessons with their goals, run date,
/// parameters and metrics, and one page per lesson with its markdown, highlighted code and outputs (charts drawn by a
/// local plotly.js from their figure data, DataFrames as tables, each claim marked checked, not shown or failed).
/// Every file it needs is in the output folder, so it opens from the file system with no network.
/// </summary>
public static class SiteBuilder
{
    public const string IndexFile = "index.html";
    const string ClaimFailedException = "ClaimFailedException";

    static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static IReadOnlyList<SitePage> Build(IReadOnlyList<SiteLesson> lessons, string outputFolder, string repository)
    {
        if (lessons.Count == 0)
            throw new ArgumentException("The site needs at least one lesson run.", nameof(lessons));
        string assets = Path.Combine(outputFolder, "assets");
        Directory.CreateDirectory(assets);
        File.WriteAllBytes(Path.Combine(assets, "plotly.min.js"), PlotlyScript.Read(repository));
        using (var css = typeof(SiteBuilder).Assembly.GetManifestResourceStream("NotebookCourse.Course.Site.site.css")!)
        using (var file = File.Create(Path.Combine(assets, "site.css")))
            css.CopyTo(file);

        var notebooks = lessons.Select(l => (JsonObject)JsonNode.Parse(File.ReadAllText(l.Record.ExecutedNotebook))!).ToList();
        var titles = lessons.Select((l, i) => TitleOf(notebooks[i]) ?? l.Lesson).ToList();
        var pages = new List<SitePage>();
        for (int i = 0; i < lessons.Count; i++)
        {
            var previous = i > 0 ? (lessons[i - 1].Lesson + ".html", titles[i - 1]) : ((string, string)?)null;
            var next = i + 1 < lessons.Count ? (lessons[i + 1].Lesson + ".html", titles[i + 1]) : ((string, string)?)null;
            var (html, page) = LessonPage(lessons[i], notebooks[i], titles[i], previous, next);
            File.WriteAllText(Path.Combine(outputFolder, page.FileName), html);
            pages.Add(page);
        }
        File.WriteAllText(Path.Combine(outputFolder, IndexFile), Index(lessons, notebooks, pages));
        return pages;
    }

    static (string Html, SitePage Page) LessonPage(SiteLesson lesson, JsonObject notebook, string title, (string File, string Title)? previous, (string File, string Title)? next)
    {
        var counts = new ClaimCounts();
        int charts = 0;
        var durations = lesson.Record.Cells.ToDictionary(c => c.Cell, c => c.DurationSeconds);
        var body = new StringBuilder();
        var cells = (JsonArray)notebook["cells"]!;
        for (int index = 0; index < cells.Count; index++)
        {
            var cell = (JsonObject)cells[index]!;
            int number = index + 1;
            string source = SourceOf(cell);
            switch (cell["cell_type"]?.GetValue<string>())
            {
                case "markdown":
                    body.Append($"<section class=\"cell markdown\" id=\"cell-{number}\">\n{Markdig.Markdown.ToHtml(source, Markdown)}</section>\n");
                    break;
                case "code":
                    string time = durations.TryGetValue(number, out var seconds) ? $"{seconds.ToString("0.0", CultureInfo.InvariantCulture)} s" : "not run";
                    body.Append($"<section class=\"cell code\" id=\"cell-{number}\">\n<div class=\"cell-label\"><span>cell {number}</span><span>{time}</span></div>\n");
                    body.Append($"<pre class=\"source\"><code>{CodeHighlighter.Html(source)}</code></pre>\n<div class=\"outputs\">\n");
                    foreach (var output in (JsonArray?)cell["outputs"] ?? [])
                        body.Append(Output((JsonObject)output!, counts, ref charts));
                    body.Append("</div>\n</section>\n");
                    break;
            }
        }
        var page = new SitePage(lesson.Lesson, lesson.Lesson + ".html", title, counts.Checked, counts.NotShown, counts.Failed, charts, lesson.Record.Status == "succeeded");
        var navigation = new StringBuilder();
        if (previous is { } p)
            navigation.Append($"<a href=\"{p.File}\" rel=\"prev\">&larr; {Encode(p.Title)}</a>");
        if (next is { } n)
            navigation.Append($"<a href=\"{n.File}\" rel=\"next\">{Encode(n.Title)} &rarr;</a>");
        // The run's summary goes under the lesson's title (the first cell); it counts the claims, so it is written last.
        string content = body.ToString();
        int afterTitle = content.IndexOf("</section>\n", StringComparison.Ordinal) is int end and >= 0 ? end + "</section>\n".Length : 0;
        content = content.Insert(afterTitle, RunSummary(lesson.Record, counts));
        return (Document(title, navigation.ToString(), content, charts > 0), page);
    }

    static string Output(JsonObject output, ClaimCounts counts, ref int charts)
    {
        switch (output["output_type"]?.GetValue<string>())
        {
            case "stream":
                return $"<pre class=\"text {Encode(output["name"]?.GetValue<string>() ?? "")}\">{MarkClaims(TextOf(output["text"]), counts)}</pre>\n";
            case "error":
                string name = output["ename"]?.GetValue<string>() ?? "";
                string message = output["evalue"]?.GetValue<string>() ?? "";
                string trace = string.Join("\n", ((JsonArray?)output["traceback"] ?? []).Select(t => t?.GetValue<string>() ?? ""));
                bool claim = name.EndsWith(ClaimFailedException, StringComparison.Ordinal);
                if (claim)
                    counts.Failed++;
                return $"<div class=\"error\"><span{(claim ? " class=\"claim failed\"" : "")}><strong>{Encode(name)}</strong>: {Encode(message)}</span>" +
                       $"<details><summary>details</summary><pre>{Encode(trace)}</pre></details></div>\n";
            case "display_data" or "execute_result":
                var data = (JsonObject?)output["data"] ?? [];
                if (data[ValueFormatter.PlotlyMimeType] is JsonObject figure)
                {
                    charts++;
                    string id = $"chart-{charts}";
                    // "</" cannot appear inside a script element.
                    string json = figure.ToJsonString().Replace("</", "<\\/");
                    return $"<div class=\"chart\"><div id=\"{id}\" class=\"plotly-chart\"></div></div>\n" +
                           $"<script>(function () {{ var figure = {json}; Plotly.newPlot(\"{id}\", figure.data, figure.layout, {{ responsive: true, displaylogo: false }}); }})();</script>\n";
                }
                if (data["text/html"] is { } html)
                    return $"<div class=\"html\">{TextOf(html)}</div>\n";
                return $"<pre class=\"text\">{MarkClaims(TextOf(data["text/plain"]), counts)}</pre>\n";
            default:
                return "";
        }
    }

    // A claim is a line the library's Claim writes: "✔ ..." when it held, "✘ not shown by this run: ..." when it was only observed.
    static string MarkClaims(string text, ClaimCounts counts)
    {
        var html = new StringBuilder();
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            if (line.StartsWith('✔'))
            {
                counts.Checked++;
                html.Append($"<span class=\"claim checked\">{Encode(line)}</span>");
            }
            else if (line.StartsWith('✘'))
            {
                counts.NotShown++;
                html.Append($"<span class=\"claim not-shown\">{Encode(line)}</span>");
            }
            else
            {
                html.Append(Encode(line)).Append('\n');
            }
        }
        return html.ToString();
    }

    static string RunSummary(RunRecord record, ClaimCounts counts)
    {
        var html = new StringBuilder("<section class=\"run\">\n<p>");
        html.Append(StatusBadge(record)).Append(ClaimBadges(counts.Checked, counts.NotShown, counts.Failed));
        html.Append($" run {Encode(When(record))}, {record.DurationSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s</p>\n");
        html.Append("<details><summary>parameters</summary>").Append(ParameterTable(record)).Append("</details>\n");
        if (record.Metrics.Count > 0)
            html.Append("<details><summary>metrics</summary>").Append(MetricTable(record)).Append("</details>\n");
        if (record.Failure is { } failure)
            html.Append($"<p class=\"{(failure.Error.EndsWith(ClaimFailedException, StringComparison.Ordinal) ? "claim failed" : "error")}\">the run stopped in cell {failure.Cell}: {Encode(failure.Error)}: {Encode(failure.Message)}</p>\n");
        return html.Append("</section>\n").ToString();
    }

    static string Index(IReadOnlyList<SiteLesson> lessons, IReadOnlyList<JsonObject> notebooks, IReadOnlyList<SitePage> pages)
    {
        var body = new StringBuilder("<h1>NotebookCourse: padded token sequences in C#</h1>\n");
        body.Append("<p class=\"meta\">Each lesson as it ran headless (<code>course run</code>): its markdown, code and outputs, and every claim the lesson checks, marked. ");
        body.Append("Built by <code>course site</code>; it needs no network.</p>\n<div class=\"lessons\">\n");
        for (int i = 0; i < lessons.Count; i++)
        {
            var (lesson, page) = (lessons[i], pages[i]);
            body.Append($"<article id=\"{Encode(lesson.Lesson)}\">\n<h2><a href=\"{page.FileName}\">{Encode(page.Title)}</a></h2>\n");
            body.Append($"<p class=\"meta\">{StatusBadge(lesson.Record)}{ClaimBadges(page.Checked, page.NotShown, page.Failed)} run {Encode(When(lesson.Record))}, ");
            body.Append($"{lesson.Record.DurationSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s{(page.Charts > 0 ? $", {Plural(page.Charts, "chart")}" : "")}</p>\n");
            if (GoalsOf(notebooks[i]) is { } goals)
                body.Append(Markdig.Markdown.ToHtml(goals, Markdown));
            body.Append("<details><summary>parameters</summary>").Append(ParameterTable(lesson.Record)).Append("</details>\n");
            if (lesson.Record.Metrics.Count > 0)
                body.Append("<details><summary>metrics</summary>").Append(MetricTable(lesson.Record)).Append("</details>\n");
            body.Append("</article>\n");
        }
        body.Append("</div>\n");
        return Document("NotebookCourse", "", body.ToString(), withCharts: false);
    }

    static string Document(string title, string navigation, string content, bool withCharts) =>
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{Encode(title)}</title>
        <link rel="stylesheet" href="assets/site.css">
        {(withCharts ? "<script src=\"assets/plotly.min.js\"></script>" : "")}
        </head>
        <body>
        <header class="top"><a class="home" href="{IndexFile}">NotebookCourse</a><nav>{navigation}</nav></header>
        <main>
        {content}
        </main>
        </body>
        </html>

        """;

    static string ParameterTable(RunRecord record)
    {
        if (record.Parameters.Count == 0)
            return "<p>none</p>";
        var html = new StringBuilder("<div class=\"scroll\"><table><thead><tr><th>parameter</th><th>value</th><th>type</th></tr></thead><tbody>\n");
        foreach (var parameter in record.Parameters)
            html.Append($"<tr><td>{Encode(parameter.Name)}</td><td{(parameter.Injected ? " class=\"set\"" : "")}>{Encode(parameter.Value)}{(parameter.Injected ? " (set)" : "")}</td><td>{Encode(parameter.Type)}</td></tr>\n");
        return html.Append("</tbody></table></div>").ToString();
    }

    static string MetricTable(RunRecord record)
    {
        var html = new StringBuilder("<div class=\"scroll\"><table><thead><tr><th>metric</th><th>value</th></tr></thead><tbody>\n");
        foreach (var (name, value) in record.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
            html.Append($"<tr><td>{Encode(name)}</td><td>{value.ToString("G5", CultureInfo.InvariantCulture)}</td></tr>\n");
        return html.Append("</tbody></table></div>").ToString();
    }

    static string StatusBadge(RunRecord record) =>
        record.Status == "succeeded" ? "<span class=\"badge ok\">ran to the end</span>" : $"<span class=\"badge bad\">{Encode(record.Status)}</span>";

    static string ClaimBadges(int ok, int notShown, int failed) =>
        $"<span class=\"badge ok\">{Plural(ok, "claim")} checked</span>" +
        (notShown > 0 ? $"<span class=\"badge warn\">{notShown} not shown</span>" : "") +
        (failed > 0 ? $"<span class=\"badge bad\">{failed} failed</span>" : "");

    static string When(RunRecord record) => record.Started.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    static string? TitleOf(JsonObject notebook) =>
        Markdowns(notebook).SelectMany(m => m.Split('\n')).FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim();

    // The first markdown cell's "**Goals**" list.
    static string? GoalsOf(JsonObject notebook)
    {
        var lines = Markdowns(notebook).FirstOrDefault()?.Split('\n') ?? [];
        int start = Array.FindIndex(lines, l => l.Trim() == "**Goals**");
        if (start < 0)
            return null;
        var goals = lines.Skip(start + 1).TakeWhile(l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal)).ToList();
        return goals.Count == 0 ? null : string.Join("\n", goals);
    }

    static IEnumerable<string> Markdowns(JsonObject notebook) =>
        ((JsonArray)notebook["cells"]!).Select(c => (JsonObject)c!).Where(c => c["cell_type"]?.GetValue<string>() == "markdown").Select(SourceOf);

    static string SourceOf(JsonObject cell) => TextOf(cell["source"]).ReplaceLineEndings("\n");

    static string TextOf(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
        JsonValue text => text.GetValue<string>(),
        _ => "",
    };

    public static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    static string Encode(string text) => WebUtility.HtmlEncode(text);

    sealed class ClaimCounts
    {
        public int Checked;
        public int NotShown;
        public int Failed;
    }
}
