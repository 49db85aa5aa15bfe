namespace NotebookCourse.Course.Tests;

/// <summary>Files a test keeps for people to look at (screenshots): COURSE_TEST_ARTIFACTS, else TestResults/artifacts in the checkout.</summary>
static class TestArtifacts
{
    public static string Folder(string name) => Directory.CreateDirectory(Path.Combine(
        Environment.GetEnvironmentVariable("COURSE_TEST_ARTIFACTS") is { Length: > 0 } configured ? configured : Path.Combine(LessonTests.Repository, "TestResults", "artifacts"),
        name)).FullName;
}
