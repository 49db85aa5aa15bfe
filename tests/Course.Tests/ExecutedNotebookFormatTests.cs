using static NotebookCourse.Course.Tests.Fixtures;

namespace NotebookCourse.Course.Tests;

[Collection(RunnerCollection.Name)]
public class ExecutedNotebookFormatTests
{
    readonly Fixtures fixtures = new();

    [Fact]
    public void Executed_notebooks_are_valid_nbformat_4_after_success_and_after_failure()
    {
        var success = fixtures.Run(fixtures.Notebook("valid-success",
            Markdown("# Title"),
            Code("var Epochs = 1;", "parameters"),
            Code(RunnerTests.ConventionFormattedType + "\nConsole.WriteLine(\"out\");\nConsole.Error.WriteLine(\"err\");\nvar shown = display(\"x\");\nshown.Update(3);\nnew Circle()")),
            ["Epochs=2"]);
        var failure = fixtures.Run(fixtures.Notebook("valid-failure",
            Code("var a = 1;"),
            Code("throw new InvalidOperationException(\"stop\");"),
            Code("var never = 2;")));

        Assert.Equal(0, success.ExitCode);
        Assert.Equal(1, failure.ExitCode);
        NbformatValidator.Validate(success.Record!.ExecutedNotebook, failure.Record!.ExecutedNotebook);
    }
}
