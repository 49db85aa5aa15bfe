namespace NotebookCourse.Course.Tests;

/// <summary>Each lesson at its designed settings with other seeds: every claim must hold (a class of its own, so it runs beside the others).</summary>
public class LessonSeedTests
{
    // The settings each lesson's claims were designed for are its defaults; these must hold for seeds 1 to 5 (42, the
    // default, is run by CI's first command). Parameters outside a lesson's design (lesson 1's timing) may be small.
    static readonly Dictionary<string, string[]> OutsideTheDesign = new()
    {
        ["01-embedding-lookup"] = ["CostBatch=2", "CostTime=50", "CostRepeats=2"],
    };

    /// <summary>Lesson 2 at its defaults takes as long as the other lessons together; its seeds are a class of their own (<see cref="ZeroPaddingSeedTests"/>), so the two halves run side by side.</summary>
    internal const string LongestLesson = "02-zero-padding";

    public static TheoryData<string, int> LessonsAndSeeds() => Seeds(LessonTests.LessonNames().Where(l => l is not "00-setup-check" and not LongestLesson));

    static readonly int[] DesignedSeeds = [1, 2, 3, 4, 5];

    internal static TheoryData<string, int> Seeds(IEnumerable<string> lessons)
    {
        var data = new TheoryData<string, int>();
        foreach (var lesson in lessons)
            foreach (var seed in DesignedSeeds)
                data.Add(lesson, seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(LessonsAndSeeds))]
    public Task Every_claim_holds_under_the_designed_settings_with_other_seeds(string lesson, int seed) => EveryClaimHolds(lesson, seed);

    internal static async Task EveryClaimHolds(string lesson, int seed)
    {
        var parameters = OutsideTheDesign.GetValueOrDefault(lesson, []).Append($"Seed={seed}").ToArray();
        var executed = await LessonTests.RunLesson(lesson, parameters);
        Assert.Contains("designed settings (", executed.Text);
        Assert.DoesNotContain("✘ not shown by this run", executed.Text);
    }
}

/// <summary>Lesson 2 at its designed settings with other seeds, beside <see cref="LessonSeedTests"/>.</summary>
public class ZeroPaddingSeedTests
{
    public static TheoryData<string, int> LessonAndSeeds() => LessonSeedTests.Seeds([LessonSeedTests.LongestLesson]);

    [Theory]
    [MemberData(nameof(LessonAndSeeds))]
    public Task Every_claim_holds_under_the_designed_settings_with_other_seeds(string lesson, int seed) => LessonSeedTests.EveryClaimHolds(lesson, seed);
}
