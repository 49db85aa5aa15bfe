namespace NotebookCourse.Course.Tests;

/// <summary>Each lesson's "Try it" settings run to the end (a class of its own, so it runs beside the others).</summary>
public class LessonTryItTests
{
    /// <summary>
    /// Each lesson's "Try it" settings, with the lesson's small test parameters: every one must run to the end. Not here:
    /// the real-data suggestions (Dataset = "20newsgroups", "wnut17"), which need an import and run for minutes to an hour.
    /// </summary>
    public static TheoryData<string, string> TryIts() => new()
    {
        { "01-embedding-lookup", "Epochs=3" },
        { "01-embedding-lookup", "SentenceLength=30" },
        { "01-embedding-lookup", "CostVocabulary=200000" },
        { "01-embedding-lookup", "LearningRate=0.005" },
        { "02-zero-padding", "Padding=post" },
        { "02-zero-padding", "MaxLength=1000" },
        { "02-zero-padding", "Epochs=10;Patience=10" },   // the lesson suggests 30; fewer keep CI short
        { "03-mask-propagation", "Padding=pre" },
        { "03-mask-propagation", "MaxLength=120" },
        { "04-frozen-vs-external", "Oov=random" },
        { "04-frozen-vs-external", "FewLabels=1.0" },
        { "04-frozen-vs-external", "UnlabelledDocuments=1000" },
        { "05-attention-pooling", "PlotLstm=16" },
        { "05-attention-pooling", "MedianPlotLength=100" },
        { "05-attention-pooling", "Epochs=3" },
    };

    // Smaller still than SmallParameters: a try-it only has to run to the end.
    static readonly Dictionary<string, string[]> TryItBase = new()
    {
        ["02-zero-padding"] = ["Documents=800", "Epochs=2", "MaxLength=200", "DiagnosticsEvery=5"],
        ["03-mask-propagation"] = ["Sentences=300", "Epochs=1"],
        ["04-frozen-vs-external"] = ["LabelledDocuments=400", "UnlabelledDocuments=1500", "Epochs=5", "LabelBudgets=0.2,1.0", "BudgetSeeds=2", "MemoryTableRows=10000"],
        ["05-attention-pooling"] = ["Movies=400", "MaxPlotLength=120", "Epochs=2"],
    };

    [Theory]
    [MemberData(nameof(TryIts))]
    public async Task Every_try_it_runs_to_the_end_and_reports_its_claims(string lesson, string tryIt)
    {
        var settings = tryIt.Split(';');
        var parameters = TryItBase.GetValueOrDefault(lesson, LessonTests.SmallParameters[lesson]).Where(p => !settings.Any(s => s.Split('=')[0] == p.Split('=')[0])).Concat(settings).ToArray();
        var executed = await LessonTests.RunLesson(lesson, parameters);
        Assert.Contains("your settings differ from the designed ones", executed.Text);
    }
}
