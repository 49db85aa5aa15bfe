using NotebookCourse.Helpers.Data;
using NotebookCourse.Helpers.Data.RealData;
using NotebookCourse.Helpers.Data.Synthetic;
using NotebookCourse.Helpers.Runtime;

namespace NotebookCourse.Helpers.Tests.Data;

[Collection(ProcessEnvironmentCollection.Name)]
public class ClassificationDataSetsTests
{
    [Fact]
    public void An_unknown_data_set_names_the_valid_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => ClassificationDataSets.Load("imdb", new TopicCorpusOptions()));
        Assert.Contains("Unknown Dataset \"imdb\"; expected \"synthetic\" or \"20newsgroups\"", error.Message);
    }

    [Fact]
    public void Twenty_newsgroups_loads_every_post_cleaned_from_the_data_directory()
    {
        string archive = TestPaths.RequireSharedData("20news-bydate/20news-bydate.repack.tar.gz");
        string data = TestPaths.NewTemporaryFolder();
        TwentyNewsgroupsImport.Run(archive, TextWriter.Null, Path.Combine(data, RealDataSets.TwentyNewsgroups.Folder));
        EnvironmentVariables.With(CoursePaths.DataDirectoryVariable, data, () =>
        {
            var texts = ClassificationDataSets.Load("20newsgroups", new TopicCorpusOptions());
            Assert.Equal(18_846, texts.Texts.Count);
            Assert.Equal(20, texts.ClassNames.Count);
            Assert.StartsWith("mathew mathew mantis co uk subject alt atheism faq atheist resources", texts.Texts[0]);
            Assert.DoesNotContain(texts.Texts.Take(500), t => t.Any(c => char.IsDigit(c) || char.IsUpper(c) || char.IsPunctuation(c)));
        });
    }

    [Fact]
    public void A_missing_import_says_which_command_to_run()
    {
        EnvironmentVariables.With(CoursePaths.DataDirectoryVariable, TestPaths.NewTemporaryFolder(), () =>
        {
            var error = Assert.Throws<DirectoryNotFoundException>(() => ClassificationDataSets.Load("20newsgroups", new TopicCorpusOptions()));
            Assert.Contains("Run 'dotnet run --project data-scripts -- 20newsgroups'", error.Message);
        });
    }
}
