using NotebookCourse.Helpers.Lessons;

namespace NotebookCourse.Helpers.Tests.Lessons;

public class LessonDesignTests
{
    [Fact]
    public void Under_the_designed_settings_a_failed_claim_stops_the_lesson()
    {
        var design = LessonDesign.For(("Seed", 3, new[] { 1, 2, 3, 4, 5, 42 }), ("MaxLength", 300L, 300), ("Padding", "PRE", "pre"), ("Dropout", 0.3, 0.3));
        Assert.True(design.Holds);
        Assert.Empty(design.Differences);
        Assert.Equal("✔ zeroed pads learn faster (epoch 1: 60 % versus 20 %)", design.Check("zeroed pads learn faster", true, "epoch 1: 60 % versus 20 %"));
        Assert.Throws<ClaimFailedException>(() => design.Check("zeroed pads learn faster", false, "epoch 1: 20 % versus 20 %"));
    }

    [Fact]
    public void Under_a_learners_settings_a_failed_claim_is_reported_and_the_lesson_goes_on()
    {
        var design = LessonDesign.For(("Seed", 7, new[] { 1, 2, 3, 4, 5, 42 }), ("MaxLength", 1000, 300), ("Padding", "pre", "pre"));
        Assert.False(design.Holds);
        Assert.Equal(["Seed = 7 (designed: 1 or 2 or 3 or 4 or 5 or 42)", "MaxLength = 1000 (designed: 300)"], design.Differences);
        Assert.Equal("✘ not shown by this run: zeroed pads learn faster (epoch 1: 20 % versus 20 %)", design.Check("zeroed pads learn faster", false, "epoch 1: 20 % versus 20 %"));
        Assert.StartsWith("your settings differ from the designed ones (Seed = 7", design.ToString());
    }

    [Fact]
    public void A_parameter_without_a_name_or_a_designed_value_is_refused()
    {
        Assert.Contains("needs its name", Assert.Throws<ArgumentException>(() => LessonDesign.For(("", 1, 1))).Message);
        Assert.Contains("'Seed' lists no designed value", Assert.Throws<ArgumentException>(() => LessonDesign.For(("Seed", 1, Array.Empty<int>()))).Message);
    }
}
