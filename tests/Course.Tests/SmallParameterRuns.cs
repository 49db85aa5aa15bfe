using System.Collections.Concurrent;

namespace NotebookCourse.Course.Tests;

/// <summary>
/// Each lesson run once per test session with <see cref="LessonTests.SmallParameters"/>, into one runs folder: the
/// lesson tests check the runs, the site tests build the course site from them, the export tests compare their
/// claims with the file-based apps'. Whichever test asks first starts a lesson's run; the others await it.
/// </summary>
static class SmallParameterRuns
{
    public static readonly string RunsFolder = Path.Combine(Path.GetTempPath(), "notebookcourse-small-runs", Guid.NewGuid().ToString("N"));

    static readonly ConcurrentDictionary<string, Lazy<Task<LessonTests.ExecutedLesson>>> Runs = new();

    // Started at once by whichever test asks first; no queue, so no test holds a parallel slot waiting its turn.
    public static Task<LessonTests.ExecutedLesson> Of(string lesson) =>
        Runs.GetOrAdd(lesson, name => new Lazy<Task<LessonTests.ExecutedLesson>>(
            () => LessonTests.RunLesson(name, LessonTests.SmallParameters[name], RunsFolder))).Value;
}
