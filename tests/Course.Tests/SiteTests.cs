using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotebookCourse.Course.Commands;
using NotebookCourse.Course.Runs;
using NotebookCourse.Course.Site;
using static NotebookCourse.Course.Tests.Fixtures;

namespace NotebookCourse.Course.Tests;

/// <summary>The course site built from executed notebooks written by the tests: what each page holds.</summary>
public class SiteTests
{
    readonly Fixtures fixtures = new();
    string Site => Path.Combine(fixtures.Folder, "site");

    static JsonObject WithOutputs(JsonObject cell, params JsonObject[] outputs)
    {
        cell["outputs"] = new JsonArray(outputs.Select(o => (JsonNode)o).ToArray());
        return cell;
    }

    static JsonObject Stream(string text) => new() { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = text };

    static JsonObject Display(JsonObject data) => new() { ["output_type"] = "display_data", ["data"] = data, ["metadata"] = new JsonObject() };

    SiteLesson Lesson(string name, string status, params JsonObject[] cells)
    {
        string notebook = fixtures.Notebook(name, cells);
        var record = new RunRecord
        {
            Lesson = name,
            Notebook = notebook,
            ExecutedNotebook = notebook,
            Started = new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero),
            DurationSeconds = 12.5,
            Status = status,
            Parameters = [new RecordedParameter("Epochs", "int", "2", Injected: true), new RecordedParameter("Seed", "int", "42", Injected: false)],
            Cells = [new RecordedCell(2, 1.24, "ok")],
            Metrics = new Dictionary<string, double> { ["val_accuracy"] = 0.875 },
            Failure = status == "failed" ? new RecordedFailure(3, 1, "exception", "NotebookCourse.Helpers.Lessons.ClaimFailedException", "Claim does not hold: b") : null,
        };
        return new SiteLesson(name, fixtures.Folder, record);
    }

    IReadOnlyList<SitePage> BuildOne(out string page)
    {
        var figure = new JsonObject { ["data"] = new JsonArray(new JsonObject { ["type"] = "scatter", ["x"] = new JsonArray(1, 2), ["y"] = new JsonArray(3, 4) }), ["layout"] = new JsonObject() };
        var lesson = Lesson("01-first", "failed",
            Markdown("# 1. First lesson\n\n**Goals**\n- Learn *one* thing.\n- Learn another.\n\nMore text."),
            WithOutputs(Code("var x = 1; // one\nConsole.WriteLine(\"✔ a\");\nvar value = x;"),
                Stream("plain line\n✔ the claim holds (evidence 1)\n✘ not shown by this run: another claim (evidence 2)\n<b>not markup</b>\n")),
            WithOutputs(Code("display(chart);"),
                Display(new JsonObject { ["text/plain"] = "chart", ["text/html"] = "<div>cdn chart</div>", ["application/vnd.plotly.v1+json"] = figure }),
                Display(new JsonObject { ["text/plain"] = "table", ["text/html"] = "<table><tr><td>frame cell</td></tr></table>" }),
                new JsonObject { ["output_type"] = "error", ["ename"] = "NotebookCourse.Helpers.Lessons.ClaimFailedException", ["evalue"] = "Claim does not hold: b", ["traceback"] = new JsonArray("trace line") }));
        var pages = SiteBuilder.Build([lesson], Site, LessonTests.Repository);
        page = File.ReadAllText(Path.Combine(Site, "01-first.html"));
        return pages;
    }

    [Fact]
    public void A_lesson_page_renders_markdown_highlights_code_and_marks_each_claim()
    {
        var page = Assert.Single(BuildOne(out string html));

        Assert.Equal(("1. First lesson", 1, 1, 1, 1, false), (page.Title, page.Checked, page.NotShown, page.Failed, page.Charts, page.Succeeded));
        Assert.Contains("<h1 id=\"first-lesson\">1. First lesson</h1>", html);
        Assert.Contains("<em>one</em>", html);
        Assert.Contains("<span class=\"k\">var</span> x = <span class=\"n\">1</span>; <span class=\"c\">// one</span>", html);
        Assert.Contains("<span class=\"s\">&quot;✔ a&quot;</span>", html);
        Assert.Contains("<span class=\"k\">var</span> value = x;", html);
        Assert.Contains("<span class=\"claim checked\">✔ the claim holds (evidence 1)</span>", html);
        Assert.Contains("<span class=\"claim not-shown\">✘ not shown by this run: another claim (evidence 2)</span>", html);
        Assert.Contains("<span class=\"claim failed\"><strong>NotebookCourse.Helpers.Lessons.ClaimFailedException</strong>: Claim does not hold: b</span>", html);
        Assert.Contains("plain line\n", html);
        Assert.Contains("&lt;b&gt;not markup&lt;/b&gt;", html);
        Assert.Contains("<table><tr><td>frame cell</td></tr></table>", html);
        // The chart is drawn from its figure data by the local plotly.js, not by the CDN-loading HTML.
        Assert.DoesNotContain("cdn chart", html);
        Assert.Contains("Plotly.newPlot(\"chart-1\", figure.data, figure.layout", html);
        Assert.Contains("\"x\":[1,2]", html);
        Assert.Contains("<script src=\"assets/plotly.min.js\"></script>", html);
        // The run: status, claims, when, parameters (the one set marked) and metrics, under the title.
        Assert.True(html.IndexOf("<section class=\"run\">", StringComparison.Ordinal) > html.IndexOf("<h1", StringComparison.Ordinal));
        Assert.Contains("<span class=\"badge bad\">failed</span><span class=\"badge ok\">1 claim checked</span><span class=\"badge warn\">1 not shown</span><span class=\"badge bad\">1 failed</span> run 2026-11-24 09:30 UTC, 12.5 s", html);
        Assert.Contains("<td class=\"set\">2 (set)</td>", html);
        Assert.Contains("<td>val_accuracy</td><td>0.875</td>", html);
        Assert.Contains("the run stopped in cell 3: NotebookCourse.Helpers.Lessons.ClaimFailedException: Claim does not hold: b", html);
        Assert.Contains("<span>cell 2</span><span>1.2 s</span>", html);
    }

    [Fact]
    public void The_index_lists_each_lesson_with_its_goals_run_and_claims()
    {
        BuildOne(out _);
        string index = File.ReadAllText(Path.Combine(Site, "index.html"));

        Assert.Contains("<h2><a href=\"01-first.html\">1. First lesson</a></h2>", index);
        Assert.Contains("<li>Learn <em>one</em> thing.</li>", index);
        Assert.DoesNotContain("More text.", index);
        Assert.Contains("1 claim checked", index);
        Assert.Contains("run 2026-11-24 09:30 UTC, 12.5 s, 1 chart", index);
        Assert.Contains("<td class=\"set\">2 (set)</td>", index);
    }

    [Fact]
    public void Every_file_a_page_loads_is_in_the_site_folder()
    {
        BuildOne(out _);
        foreach (var page in Directory.GetFiles(Site, "*.html"))
        {
            foreach (Match reference in Regex.Matches(File.ReadAllText(page), "<(?:script|link|img)[^>]*(?:src|href)=\"([^\"]+)\""))
            {
                string target = reference.Groups[1].Value;
                Assert.False(target.Contains("://", StringComparison.Ordinal), $"{Path.GetFileName(page)} loads {target} from the network");
                Assert.True(File.Exists(Path.Combine(Site, target)), $"{Path.GetFileName(page)} loads {target}, which the site does not hold");
            }
        }
        Assert.True(new FileInfo(Path.Combine(Site, "assets", "plotly.min.js")).Length > 1_000_000);
    }

    [Fact]
    public void The_command_runs_a_lesson_without_a_successful_run_first_then_builds_the_site()
    {
        string notebook = fixtures.Notebook("02-small", Markdown("# 2. Small"), Code("Console.WriteLine(\"✔ it ran\");"));
        var output = new StringWriter();
        var errors = new StringWriter();

        int exit = SiteCommand.Execute([notebook], Site, fixtures.RunsFolder, runFirst: false, cellTimeoutSeconds: null, output, errors);

        Assert.True(exit == ExitCodes.Success, errors.ToString());
        Assert.Contains("no successful run yet of 02-small; running it first", errors.ToString());
        Assert.Contains("02-small: ran to the end", output.ToString());
        Assert.Single(new RunStore(fixtures.RunsFolder).Runs("02-small"));
        Assert.Contains("<span class=\"claim checked\">✔ it ran</span>", File.ReadAllText(Path.Combine(Site, "02-small.html")));

        // A second build takes that run instead of running the lesson again.
        Assert.Equal(ExitCodes.Success, SiteCommand.Execute([notebook], Site, fixtures.RunsFolder, runFirst: false, cellTimeoutSeconds: null, new StringWriter(), new StringWriter()));
        Assert.Single(new RunStore(fixtures.RunsFolder).Runs("02-small"));
    }
}
