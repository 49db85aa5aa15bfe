using NotebookCourse.Helpers.Lessons;

namespace NotebookCourse.Helpers.Tests.Lessons;

public class LessonArgumentsTests
{
    static LessonArguments Parse(params string[] args) =>
        LessonArguments.Parse(args, ("Epochs", 8), ("Rate", 0.005), ("Scale", 1.5f), ("Rows", 400_000L), ("Masked", true), ("Dataset", "synthetic"));

    [Fact]
    public void Each_set_is_typed_by_the_lessons_value_and_the_rest_keep_theirs()
    {
        var arguments = Parse("--set", "Epochs=3", "--set=Rate=1e-3", "--set", "Scale=2.5f", "--set", "Rows=10L", "--set", "Masked=false", "--set", "Dataset=movies, real");

        Assert.Equal(3, arguments.Get("Epochs", 8));
        Assert.Equal(0.001, arguments.Get("Rate", 0.005));
        Assert.Equal(2.5f, arguments.Get("Scale", 1.5f));
        Assert.Equal(10L, arguments.Get("Rows", 400_000L));
        Assert.False(arguments.Get("Masked", true));
        Assert.Equal("movies, real", arguments.Get("Dataset", "synthetic"));
        Assert.Equal("parameters set on the command line: Epochs = 3, Rate = 1e-3, Scale = 2.5f, Rows = 10L, Masked = false, Dataset = movies, real", arguments.ToString());
        Assert.Equal(42, Parse().Get("Seed", 42));
        Assert.Equal(8, Parse().Get("Epochs", 8));
        Assert.StartsWith("parameters: as in the lesson", Parse().ToString());
    }

    [Fact]
    public void A_bad_command_line_says_what_was_wrong_and_lists_the_valid_parameters()
    {
        const string valid = "Valid parameters: Epochs (int), Rate (double), Scale (float), Rows (long), Masked (bool), Dataset (string).";
        Assert.Equal("unknown parameter 'Epoch'; valid parameters: Epochs (int), Rate (double), Scale (float), Rows (long), Masked (bool), Dataset (string).",
            Assert.Throws<LessonArgumentException>(() => Parse("--set", "Epoch=3")).Message);
        Assert.Equal($"parameter 'Epochs' is an int; '2.5' is not. {valid}", Assert.Throws<LessonArgumentException>(() => Parse("--set", "Epochs=2.5")).Message);
        Assert.Equal($"parameter 'Rate' is a double; 'NaN' is not. {valid}", Assert.Throws<LessonArgumentException>(() => Parse("--set", "Rate=NaN")).Message);
        Assert.Equal($"parameter 'Masked' is a bool; 'yes' is not. {valid}", Assert.Throws<LessonArgumentException>(() => Parse("--set", "Masked=yes")).Message);
        Assert.Equal("--set 'Epochs': expected Name=Value.", Assert.Throws<LessonArgumentException>(() => Parse("--set", "Epochs")).Message);
        Assert.StartsWith("unexpected argument 'Epochs=3'; expected --set Name=Value", Assert.Throws<LessonArgumentException>(() => Parse("Epochs=3")).Message);
        Assert.StartsWith("unexpected argument '--set'", Assert.Throws<LessonArgumentException>(() => Parse("--set")).Message);
    }

    [Fact]
    public void A_parameter_of_another_type_or_without_a_name_is_a_lesson_error()
    {
        Assert.Contains("'When' is a DateTime", Assert.Throws<ArgumentException>(() => LessonArguments.Parse([], ("When", DateTime.Now))).Message);
        Assert.Contains("needs its name", Assert.Throws<ArgumentException>(() => LessonArguments.Parse([], (" ", 1))).Message);
    }
}
