using System.CommandLine;
using NotebookCourse.Course.Commands;

var root = new RootCommand("NotebookCourse: run the lessons headless, compare runs, check the environment.");

var notebooks = new Argument<string[]>("notebooks") { Description = "Notebook files or folders of notebooks (a folder runs its *.ipynb in name order).", Arity = ArgumentArity.OneOrMore };
var set = new Option<string[]>("--set") { Description = "Override a parameter of the cell tagged 'parameters': Name=Value (repeatable).", Arity = ArgumentArity.ZeroOrMore };
var cellTimeout = new Option<double?>("--cell-timeout") { Description = "Stop a cell that runs longer than this many seconds." };
var runsDir = new Option<string?>("--runs-dir") { Description = "Where run folders go (default: runs/ at the repository root, or COURSE_RUNS_DIR)." };
var jobs = new Option<int?>("--jobs") { Description = "Lessons run at the same time, in as many processes, each taking the next lesson when its own ends (default: the cores divided by a lesson's threads, COURSE_THREADS or all cores but one: 2 on a 2-core machine, 1 from 3 cores up). 1 runs them one after another in this process." };
var worker = new Option<string?>(LessonProcesses.WorkerOption) { Hidden = true };
var run = new Command("run", "Execute notebooks headless; write each executed notebook and its run record under runs/.") { notebooks, set, cellTimeout, runsDir, jobs, worker };
run.SetAction(result => RunCommand.Execute(result.GetValue(notebooks)!, result.GetValue(set) ?? [], result.GetValue(cellTimeout), result.GetValue(runsDir), Console.Out, Console.Error,
    result.GetValue(jobs), result.GetValue(worker)));

var lesson = new Argument<string>("lesson") { Description = "A lesson name (01-embedding-lookup) or its notebook path." };
var runs = new Command("runs", "List the recorded runs of a lesson side by side: parameters that differ and final metrics.") { lesson, runsDir };
runs.SetAction(result => RunsCommand.Execute(result.GetValue(lesson)!, result.GetValue(runsDir), Console.Out, Console.Error));

var library = new Option<string?>("--library") { Description = "The course library to check (default: src/Helpers/bin/NotebookCourse.Helpers.dll)." };
var doctor = new Command("doctor", "Check the environment: TorchSharp's native library, libstdc++ fix, CPU or CUDA, system libtorch, threads, data sets.") { library };
doctor.SetAction(result => DoctorCommand.Execute(result.GetValue(library), Console.Out));

var exportOut = new Option<string?>("--out") { Description = "Folder for the exported files, inside the repository (default: exports/)." };
var exportNotebooks = new Argument<string[]>("notebooks") { Description = "Notebook files or folders of notebooks.", Arity = ArgumentArity.OneOrMore };
var export = new Command("export", "Write each lesson as a .NET 10 file-based app (dotnet run <lesson>.cs), without Polyglot.") { exportNotebooks, exportOut };
export.SetAction(result => ExportCommand.Execute(result.GetValue(exportNotebooks)!, result.GetValue(exportOut), Console.Out, Console.Error));

var siteNotebooks = new Argument<string[]>("notebooks") { Description = "Notebook files or folders (default: notebooks/).", Arity = ArgumentArity.ZeroOrMore };
var siteOut = new Option<string?>("--out") { Description = "Folder for the site (default: site/ at the repository root)." };
var siteRun = new Option<bool>("--run") { Description = "Run every lesson first; otherwise each lesson's latest successful run is shown (a lesson without one is run)." };
var site = new Command("site", "Build the course as a static HTML site from the executed notebooks; it opens offline.") { siteNotebooks, siteOut, runsDir, siteRun, cellTimeout };
site.SetAction(result => SiteCommand.Execute(result.GetValue(siteNotebooks) ?? [], result.GetValue(siteOut), result.GetValue(runsDir), result.GetValue(siteRun), result.GetValue(cellTimeout), Console.Out, Console.Error));

root.Subcommands.Add(run);
root.Subcommands.Add(runs);
root.Subcommands.Add(doctor);
root.Subcommands.Add(export);
root.Subcommands.Add(site);

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
        Console.Error.WriteLine($"course: {error.Message}");
    Console.Error.WriteLine("Run 'course --help' for usage.");
    return ExitCodes.InputError;
}
return parsed.Invoke();
