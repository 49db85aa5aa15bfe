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

    // One of these lessons at a time, beside the other test classes' lesson processes (2 cores here).
    static readonly SemaphoreSlim OneAtATime = new(1);

    public static Task<LessonTests.ExecutedLesson> Of(string lesson) =>
        Runs.GetOrAdd(lesson, name => new Lazy<Task<LessonTests.ExecutedLesson>>(() => Run(name))).Value;

    static async Task<LessonTests.ExecutedLesson> Run(string lesson)
    {
        await OneAtATime.WaitAsync();
        try { return await LessonTests.RunLesson(lesson, LessonTests.SmallParameters[lesson], RunsFolder); }
        finally { OneAtATime.Release(); }
    }
}
