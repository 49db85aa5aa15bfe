using System.Text.RegularExpressions;

namespace NotebookCourse.Course.Tests;

/// <summary>
/// The course site built by <c>course site</c> from every lesson's small-parameter run, loaded from the file system in
/// headless Chromium: each page loads without a console message or error, and each chart is drawn (its SVG is in the
/// DOM). A screenshot of each page, and of the index at a phone's width, is kept (TestArtifacts, folder "site").
/// </summary>
public class SiteBrowserTests
{
    [Fact]
    public async Task Every_page_of_the_site_loads_offline_in_a_browser_with_its_charts_drawn()
    {
        Assert.SkipWhen(Chromium.Path is null, Chromium.Missing);
        var lessons = LessonTests.LessonNames();
        // One after another: this test keeps one lesson process going, as the other lesson tests do.
        foreach (var lesson in lessons)
            await SmallParameterRuns.Of(lesson);
        string site = Path.Combine(Path.GetTempPath(), "notebookcourse-site", Guid.NewGuid().ToString("N"));

        var build = await ChildProcess.RunAsync("dotnet", [LessonTests.Course, "site", "--runs-dir", SmallParameterRuns.RunsFolder, "--out", site], LessonTests.Repository);
        Assert.True(build.ExitCode == 0, $"course site exited {build.ExitCode}:\n{build.Errors}\n{build.Output}");
        Assert.DoesNotContain("running", build.Errors);

        string screenshots = TestArtifacts.Folder("site");
        int chartsDrawn = 0;
        foreach (var name in lessons.Prepend("index"))
        {
            string page = Path.Combine(site, name + ".html");
            var (dom, console) = await Chromium.Load(page);
            Assert.True(console.Count == 0, $"{name}.html printed to the browser console:\n{string.Join("\n", console)}");
            Assert.Contains("</main>", dom);
            var charts = Regex.Matches(dom, "<div id=\"(chart-\\d+)\" class=\"([^\"]*)\"");
            Assert.Equal(Regex.Matches(File.ReadAllText(page), "class=\"plotly-chart\"").Count, charts.Count);
            foreach (Match chart in charts)
                Assert.True(chart.Groups[2].Value.Contains("js-plotly-plot", StringComparison.Ordinal), $"{name}.html: {chart.Groups[1].Value} was not drawn");
            Assert.True(Regex.Matches(dom, "<svg[^>]*class=\"main-svg\"").Count >= charts.Count, $"{name}.html: fewer SVG charts than chart divs");
            chartsDrawn += charts.Count;
            await Chromium.Screenshot(page, Path.Combine(screenshots, name + ".png"), 1280, 2400);
        }
        await Chromium.Screenshot(Path.Combine(site, "index.html"), Path.Combine(screenshots, "index-phone.png"), 390, 1600);
        Assert.True(chartsDrawn > 0, "no lesson page holds a chart");
        Directory.Delete(site, recursive: true);
    }
}
