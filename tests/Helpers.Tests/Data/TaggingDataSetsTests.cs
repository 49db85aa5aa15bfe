using NotebookCourse.Helpers.Data;
using NotebookCourse.Helpers.Data.RealData;
using NotebookCourse.Helpers.Runtime;

namespace NotebookCourse.Helpers.Tests.Data;

[Collection(ProcessEnvironmentCollection.Name)]
public class TaggingDataSetsTests
{
    [Fact]
    public void The_synthetic_corpus_is_split_80_20_and_unknown_names_are_refused()
    {
        var (train, validation) = TaggingDataSets.Load("synthetic", 500, seed: 1);
        Assert.Equal((400, 100), (train.Count, validation.Count));
        Assert.Contains("Unknown Dataset \"conll\"; expected \"synthetic\" or \"wnut17\"", Assert.Throws<ArgumentException>(() => TaggingDataSets.Load("conll", 10, 1)).Message);
    }

    [Fact]
    public void Wnut17_gives_the_training_file_for_training_and_dev_for_validation_lowercased_with_binary_labels()
    {
        string source = TestPaths.RequireSharedData("sequence-labeling/wnut17");
        string data = TestPaths.NewTemporaryFolder();
        Wnut17Import.Run(source, TextWriter.Null, Path.Combine(data, RealDataSets.Wnut17.Folder));
        EnvironmentVariables.With(CoursePaths.DataDirectoryVariable, data, () =>
        {
            var (train, validation) = TaggingDataSets.Load("wnut17", 0, 0);
            Assert.Equal((3_394, 1_009), (train.Count, validation.Count));
            Assert.Equal(["stabilized", "approach", "or"], validation.Tokens[0].Take(3));
            Assert.All(train.Labels.SelectMany(l => l), label => Assert.True(label is 0 or 1));
            Assert.Equal(62_730 - 59_570, train.Labels.Sum(l => l.Sum()));
        });
    }
}
