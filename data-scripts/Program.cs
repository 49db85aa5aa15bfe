using System.CommandLine;
using NotebookCourse.Helpers.Data.RealData;

var from = new Option<string?>("--from") { Description = "Import a local copy instead of downloading (offline workshops)." };
var root = new RootCommand("Import a real data set into data/ at the repository root (or COURSE_DATA_DIR). Lessons run on embedded data without them.");

AddDataSet("20newsgroups", "20 Newsgroups (bydate): downloads 20news-bydate.tar.gz and checks its SHA-256; --from takes a .tar.gz or a folder with the bydate layout.",
    path => TwentyNewsgroupsImport.Run(path, Console.Out));
var dim = new Option<int>("--dim") { Description = "GloVe dimension: 50, 100, 200 or 300.", DefaultValueFactory = _ => 50 };
var glove = new Command("glove", "GloVe 6B word vectors (lesson 4): downloads glove.6B.zip (822 MB) and takes out one dimension's file, checked by SHA-256 where published (50d) and by word count and dimension; --from takes the .zip, or the file as .txt or .txt.gz.") { from, dim };
glove.SetAction(result => Report("glove", () => GloveImport.Run(result.GetValue(from), result.GetValue(dim), Console.Out)));
root.Subcommands.Add(glove);
AddDataSet("wnut17", "WNUT-2017 emerging entities: downloads the three official files and checks their SHA-256; --from takes a folder holding them (plain or .gz).",
    path => Wnut17Import.Run(path, Console.Out));

AddDataSet("movies", "TMDB 5000 movies (lesson 5): no official download; --from takes tmdb_5000_movies.csv as .csv, .csv.gz or inside a .zip, checked by structure (20 columns, genres and keywords as JSON lists) and count (4,803 movies).",
    path => TmdbImport.Run(path, Console.Out));

return root.Parse(args).Invoke();

void AddDataSet(string name, string description, Func<string?, ImportOutcome> import)
{
    var command = new Command(name, description) { from };
    command.SetAction(result => Report(name, () => import(result.GetValue(from))));
    root.Subcommands.Add(command);
}

static int Report(string name, Func<ImportOutcome> import)
{
    try
    {
        Console.WriteLine(import().Summary);
        return 0;
    }
    catch (DataImportException e)
    {
        Console.Error.WriteLine($"course-data {name}: {e.Message}");
        return 1;
    }
}
