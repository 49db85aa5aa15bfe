using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using System.Text.Json.Nodes;
using NotebookCourse.Course.Commands;
using static NotebookCourse.Course.Tests.Fixtures;

namespace NotebookCourse.Course.Tests;

[Collection(RunnerCollection.Name)]
public class RunnerTests
{
    readonly Fixtures fixtures = new();

    [Fact]
    public void Cells_share_state_may_redeclare_and_a_final_expression_is_the_cell_value()
    {
        var path = fixtures.Notebook("success",
            Markdown("# A lesson\nText stays as it is."),
            Code("var x = 20;\nConsole.WriteLine(\"x is \" + x);"),
            Code("var x = \"now a string\";\nx.Length"),
            Code("var unused = 1;"));
        var result = fixtures.Run(path);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var executed = result.Executed!;
        Assert.Equal("# A lesson\nText stays as it is.", Cells(executed)[0]!["source"]!.GetValue<string>());
        Assert.Equal("x is 20\n", Text(Assert.Single(Outputs(executed, 1))));
        var value = Assert.Single(Outputs(executed, 2));
        Assert.Equal("execute_result", value!["output_type"]!.GetValue<string>());
        Assert.Equal("12", Text(value));
        Assert.Equal(2, value["execution_count"]!.GetValue<int>());
        Assert.Empty(Outputs(executed, 3));
        Assert.Equal([1, 2, 3], Cells(executed).Skip(1).Select(c => c!["execution_count"]!.GetValue<int>()));
        Assert.Equal("succeeded", result.Record!.Status);
        Assert.Equal([2, 3, 4], result.Record.Cells.Select(c => c.Cell));
        Assert.Contains("success  succeeded", result.Output);
        // Console output is also echoed to the run's log as it happens (training progress in long runs).
        Assert.Contains("x is 20\n", result.Errors);
    }

    [Fact]
    public void A_compile_error_stops_the_run_and_names_notebook_cell_line_and_message()
    {
        var path = fixtures.Notebook("compile-error",
            Code("var ok = 1;"),
            Markdown("between"),
            Code("var a = 1;\nvar b = undefinedName + 1;"),
            Code("Console.WriteLine(\"not reached\");"));
        var result = fixtures.Run(path);

        Assert.Equal(ExitCodes.CellFailed, result.ExitCode);
        Assert.Contains("compile-error.ipynb, cell 3, line 2: compile error: CS0103", result.Errors);
        Assert.Contains("undefinedName", result.Errors);
        var error = Assert.Single(Outputs(result.Executed!, 2));
        Assert.Equal("error", error!["output_type"]!.GetValue<string>());
        Assert.Contains("cell 3, line 2", error["evalue"]!.GetValue<string>());
        Assert.Empty(Outputs(result.Executed!, 3));
        Assert.Null(Cells(result.Executed!)[3]!["execution_count"]);
        Assert.Equal(new Runs.RecordedFailure(3, 2, "compile error", "CS0103", "The name 'undefinedName' does not exist in the current context"), result.Record!.Failure);
    }

    [Fact]
    public void A_runtime_exception_keeps_earlier_outputs_and_reports_the_line()
    {
        var path = fixtures.Notebook("exception",
            Code("Console.WriteLine(\"before\");"),
            Code("var list = new List<int>();\n\nvar first = list[3];"));
        var result = fixtures.Run(path);

        Assert.Equal(ExitCodes.CellFailed, result.ExitCode);
        Assert.Contains("exception.ipynb, cell 2, line 3: exception: System.ArgumentOutOfRangeException", result.Errors);
        Assert.Equal("before\n", Text(Assert.Single(Outputs(result.Executed!, 0))));
        var error = Assert.Single(Outputs(result.Executed!, 1))!;
        Assert.Equal("System.ArgumentOutOfRangeException", error["ename"]!.GetValue<string>());
        Assert.Equal("failed", result.Record!.Status);
        Assert.Equal(3, result.Record.Failure!.Line);
    }

    [Fact]
    public void Display_shows_values_and_update_replaces_them_even_from_a_later_cell()
    {
        var path = fixtures.Notebook("display",
            Code("var progress = display(\"epoch 1\");\nvar other = display(42);\nprogress.Update(\"epoch 2\");"),
            Code("progress.Update(\"done\");"));
        var result = fixtures.Run(path);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var outputs = Outputs(result.Executed!, 0);
        Assert.Equal(["display_data", "display_data"], outputs.Select(o => o!["output_type"]!.GetValue<string>()));
        Assert.Equal("done", Text(outputs[0]));
        Assert.Equal("42", Text(outputs[1]));
        Assert.Empty(Outputs(result.Executed!, 1));
    }

    // A type that names its formatter by .NET Interactive's convention (as the course's charts do), defined in the notebook.
    internal const string ConventionFormattedType = """
        class TypeFormatterSourceAttribute : Attribute { public TypeFormatterSourceAttribute(Type t) => FormatterSourceType = t; public Type FormatterSourceType { get; } }
        class ShapeFormatters { public IEnumerable<object> CreateTypeFormatters() => new object[] { new SvgFormatter() }; }
        class SvgFormatter { public string MimeType => "text/html"; public bool Format(object value, System.IO.TextWriter writer) { writer.Write("<svg><circle r=\"" + ((Circle)value).Radius + "\"/></svg>"); return true; } }
        [TypeFormatterSource(typeof(ShapeFormatters))] class Circle { public int Radius = 3; public override string ToString() => "circle of radius " + Radius; }
        """;

    [Fact]
    public void Convention_formatted_values_dataframes_and_html_content_get_text_html_and_text_plain()
    {
        var path = fixtures.Notebook("html",
            Code("#r \"nuget: Microsoft.Data.Analysis\""),
            Code(ConventionFormattedType + "\nnew Circle()"),
            Code("using Microsoft.Data.Analysis;\nnew DataFrame(new Int32DataFrameColumn(\"ids\", new[] { 4, 1 }), new StringDataFrameColumn(\"word\", new[] { \"a<b\", \"c\" }))"),
            Code("HTML(\"<b>bold</b>\")"));
        var result = fixtures.Run(path);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var shape = Assert.Single(Outputs(result.Executed!, 1));
        Assert.Equal("<svg><circle r=\"3\"/></svg>", Text(shape, "text/html"));
        Assert.Equal("circle of radius 3", Text(shape));
        var frame = Assert.Single(Outputs(result.Executed!, 2));
        Assert.Contains("<th>ids</th><th>word</th>", Text(frame, "text/html"));
        Assert.Contains("<td>a&lt;b</td>", Text(frame, "text/html"));
        Assert.StartsWith("DataFrame: 2 rows x 2 columns", Text(frame));
        Assert.Equal("<b>bold</b>", Text(Assert.Single(Outputs(result.Executed!, 3)), "text/html"));
    }

    [Fact]
    public void Cells_see_only_the_default_imports_of_Polyglots_csharp_kernel()
    {
        // The kernel imports System, System.Text, System.Collections(.Generic), System.Linq, System.Threading.Tasks: no System.IO.
        var path = fixtures.Notebook("imports",
            Code("var list = new ArrayList { 1 }; var builder = new StringBuilder(); var done = Task.CompletedTask; list.Count"),
            Code("Path.Combine(\"a\", \"b\")"));
        var result = fixtures.Run(path);

        Assert.Equal(ExitCodes.CellFailed, result.ExitCode);
        Assert.Equal("1", Text(Assert.Single(Outputs(result.Executed!, 0))));
        Assert.Contains("CS0103", result.Errors);
        Assert.Contains("The name 'Path' does not exist in the current context", result.Errors);
    }

    [Theory]
    [InlineData("ReferenceEquals(\"a\", \"a\")", "ReferenceEquals")]
    [InlineData("var same = Equals(1, 1);", "Equals")]
    [InlineData("var items = new[] { 1 }.Select(i => GetHashCode());", "GetHashCode")]
    [InlineData("GetType().Name", "GetType")]
    public void Objects_members_without_a_receiver_fail_as_in_Polyglots_kernel(string code, string name)
    {
        // The real kernel (checked with ../shared/real-kernel) answers CS0103 for each; with a receiver, or inside a
        // class declared in a cell, they work there and here.
        var path = fixtures.Notebook("object-members-" + name,
            Code("object.ReferenceEquals(\"a\", \"a\")"),
            Code("class Probe { public bool Same() => ReferenceEquals(this, this); }\nnew Probe().Same()"),
            Code(code));
        var result = fixtures.Run(path);

        Assert.Equal(ExitCodes.CellFailed, result.ExitCode);
        Assert.Equal("True", Text(Assert.Single(Outputs(result.Executed!, 0))));
        Assert.Equal("True", Text(Assert.Single(Outputs(result.Executed!, 1))));
        Assert.Equal(new Runs.RecordedFailure(3, 1, "compile error", "CS0103", $"The name '{name}' does not exist in the current context"), result.Record!.Failure);
    }

    [Fact]
    public void An_assembly_that_needs_a_newer_FSharp_Core_than_Polyglots_kernel_holds_fails_as_it_does_there()
    {
        // Plotly.NET 6 needs FSharp.Core 10.1; the kernel (and the runner) hold 10.0. The course library runs it apart, in
        // bin/charts/, which is where this test takes it from.
        string plotly = Path.Combine(LessonTests.Repository, "src", "Helpers", "bin", "charts", "Plotly.NET.dll");
        Assert.True(File.Exists(plotly), $"the course library's build puts Plotly.NET at {plotly}");
        var path = fixtures.Notebook("fsharp-core",
            Code($"#r \"{plotly}\""),
            Code("Plotly.NET.GenericChart.toChartHTML(Plotly.NET.Chart.Invisible())"));
        var result = fixtures.Run(path);

        Assert.Equal(ExitCodes.CellFailed, result.ExitCode);
        Assert.Contains("FSharp.Core, Version=10.1.0.0", result.Errors);
    }

    [Theory]
    [InlineData("Plotly.NET.Interactive, 6.0.0")]
    [InlineData("Plotly.NET, 6.0.0")]
    public void Plotly_NET_packages_are_refused_with_the_reason(string package)
    {
        var result = fixtures.Run(fixtures.Notebook("plotly-package", Code($"#r \"nuget: {package}\"")));
        Assert.Equal(ExitCodes.CellFailed, result.ExitCode);
        Assert.Contains("needs FSharp.Core 10.1", result.Errors);
        Assert.Contains("NotebookCourse.Helpers.Plots", result.Errors);
    }

    [Fact]
    public void A_relative_assembly_reference_loads_the_dll_from_the_notebook_folder()
    {
        string library = Path.Combine(fixtures.Folder, "lib", "Tiny.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(library)!);
        var compilation = CSharpCompilation.Create("Tiny" + Guid.NewGuid().ToString("N")[..8],
            [CSharpSyntaxTree.ParseText("namespace Tiny; public static class Greeter { public static string Hello(string name) => $\"hello {name}\"; }", cancellationToken: TestContext.Current.CancellationToken)],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location), MetadataReference.CreateFromFile(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "System.Runtime.dll"))],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.True(compilation.Emit(library, cancellationToken: TestContext.Current.CancellationToken).Success);

        var path = fixtures.Notebook("reference", Code("#r \"lib/Tiny.dll\"\nTiny.Greeter.Hello(\"notebook\")"));
        var result = fixtures.Run(path);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("hello notebook", Text(Assert.Single(Outputs(result.Executed!, 0))));
    }

    [Fact]
    public void A_missing_assembly_reference_is_a_cell_error_with_the_path()
    {
        var path = fixtures.Notebook("missing-dll", Code("#r \"nowhere/Missing.dll\""));
        var result = fixtures.Run(path);
        Assert.Equal(ExitCodes.CellFailed, result.ExitCode);
        Assert.Contains(Path.Combine(fixtures.Folder, "nowhere", "Missing.dll"), result.Errors);
    }

    [Fact]
    public void A_package_the_runner_cannot_provide_is_an_error_that_names_it()
    {
        var path = fixtures.Notebook("nuget", Code("#r \"nuget: Newtonsoft.Json, 13.0.3\"\nvar x = 1;"));
        var result = fixtures.Run(path);

        Assert.Equal(ExitCodes.CellFailed, result.ExitCode);
        Assert.Contains("cell 1, line 1", result.Errors);
        Assert.Contains("package 'Newtonsoft.Json' 13.0.3 is not available to the headless runner", result.Errors);
        Assert.Contains("Microsoft.Data.Analysis 0.23.1", result.Errors);
    }

    [Fact]
    public void A_cell_for_another_kernel_is_an_error_that_names_the_kernel()
    {
        var magic = fixtures.Run(fixtures.Notebook("fsharp-magic", Code("#!fsharp\nlet x = 1")));
        Assert.Equal(ExitCodes.CellFailed, magic.ExitCode);
        Assert.Contains("'#!fsharp' selects another kernel", magic.Errors);

        var cell = Code("Get-ChildItem");
        cell["metadata"]!["polyglot_notebook"]!["kernelName"] = "pwsh";
        var metadata = fixtures.Run(fixtures.Notebook("pwsh-cell", cell));
        Assert.Equal(ExitCodes.CellFailed, metadata.ExitCode);
        Assert.Contains("this cell is for the 'pwsh' kernel", metadata.Errors);

        var csharp = fixtures.Run(fixtures.Notebook("csharp-magic", Code("#!csharp\n1 + 1")));
        Assert.Equal(ExitCodes.Success, csharp.ExitCode);
        Assert.Equal("2", Text(Assert.Single(Outputs(csharp.Executed!, 0))));
    }

    string ParametersNotebook() => fixtures.Notebook("parameters",
        Code("var Epochs = 3;\nvar Rate = 0.5;\nvar Small = 1.5f;\nvar Big = 10L;\nvar Verbose = false;\nvar Dataset = \"synthetic\";", "parameters"),
        Code("$\"{Epochs} {Rate} {Small} {Big} {Verbose} {Dataset} {Epochs.GetType().Name} {Rate.GetType().Name} {Small.GetType().Name} {Big.GetType().Name}\""));

    [Fact]
    public void Parameters_are_overridden_by_type_and_the_executed_notebook_shows_the_injected_values()
    {
        var result = fixtures.Run(ParametersNotebook(), ["Epochs=7", "Rate=1e-3", "Small=2.5", "Big=99", "Verbose=true", "Dataset=20newsgroups"]);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var cells = Cells(result.Executed!);
        Assert.Equal(3, cells.Count);
        var injected = cells[1]!;
        Assert.Equal("injected-parameters", injected["metadata"]!["tags"]![0]!.GetValue<string>());
        string source = string.Concat(((JsonArray)injected["source"]!).Select(l => l!.GetValue<string>()));
        Assert.Contains("var Epochs = 7;", source);
        Assert.Contains("var Rate = 0.001d;", source);
        Assert.Contains("var Dataset = \"20newsgroups\";", source);
        Assert.Equal("7 0.001 2.5 99 True 20newsgroups Int32 Double Single Int64", Text(Assert.Single(Outputs(result.Executed!, 2))));
        var epochs = result.Record!.Parameters.Single(p => p.Name == "Epochs");
        Assert.Equal(new Runs.RecordedParameter("Epochs", "int", "7", true), epochs);
        Assert.True(result.Record.Parameters.Single(p => p.Name == "Verbose").Injected);
    }

    [Fact]
    public void An_unknown_parameter_is_an_input_error_that_lists_the_valid_names_and_types()
    {
        var result = fixtures.Run(ParametersNotebook(), ["Epoch=7"]);
        Assert.Equal(ExitCodes.InputError, result.ExitCode);
        Assert.Contains("unknown parameter 'Epoch'; valid parameters: Epochs (int), Rate (double), Small (float), Big (long), Verbose (bool), Dataset (string)", result.Errors);
        Assert.Null(result.Record);
    }

    [Theory]
    [InlineData("Epochs=seven", "parameter 'Epochs' is an int; 'seven' is not")]
    [InlineData("Epochs=2.5", "parameter 'Epochs' is an int; '2.5' is not")]
    [InlineData("Rate=fast", "parameter 'Rate' is a double; 'fast' is not")]
    [InlineData("Verbose=yes", "parameter 'Verbose' is a bool; 'yes' is not")]
    [InlineData("Epochs", "--set 'Epochs': expected Name=Value")]
    public void A_value_of_the_wrong_type_is_an_input_error(string set, string message)
    {
        var result = fixtures.Run(ParametersNotebook(), [set]);
        Assert.Equal(ExitCodes.InputError, result.ExitCode);
        Assert.Contains(message, result.Errors);
    }

    [Fact]
    public void Missing_files_and_invalid_notebooks_are_input_errors()
    {
        Assert.Equal(ExitCodes.InputError, fixtures.Run(Path.Combine(fixtures.Folder, "absent.ipynb")).ExitCode);

        string broken = Path.Combine(fixtures.Folder, "broken.ipynb");
        File.WriteAllText(broken, "{ \"cells\": [ ");
        var invalidJson = fixtures.Run(broken);
        Assert.Equal(ExitCodes.InputError, invalidJson.ExitCode);
        Assert.Contains("is not valid JSON", invalidJson.Errors);

        string version3 = Path.Combine(fixtures.Folder, "v3.ipynb");
        File.WriteAllText(version3, "{ \"nbformat\": 3, \"worksheets\": [] }");
        var old = fixtures.Run(version3);
        Assert.Equal(ExitCodes.InputError, old.ExitCode);
        Assert.Contains("has nbformat 3; expected 4", old.Errors);
    }

    [Fact]
    public void A_cell_over_its_timeout_fails_the_run_and_the_notebook_is_still_written()
    {
        var path = fixtures.Notebook("timeout", Code("Console.WriteLine(\"started\");"), Code("System.Threading.Thread.Sleep(3000);"));
        var result = fixtures.Run(path, cellTimeout: 0.5);

        Assert.Equal(ExitCodes.CellFailed, result.ExitCode);
        Assert.Contains("ran longer than its timeout of 0.5 s", result.Errors);
        Assert.Equal("timeout", result.Record!.Failure!.Kind);
        Assert.Equal("started\n", Text(Assert.Single(Outputs(result.Executed!, 0))));
    }

    [Fact]
    public async Task Lessons_run_at_the_same_time_in_worker_processes_that_take_the_next_lesson_and_one_table_lists_them_in_order()
    {
        // Each lesson writes its process id beside the run folders; the first two each wait for the other to have
        // started: run one after another, the first would give up.
        const string RunsRoot = "System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Environment.GetEnvironmentVariable(\"COURSE_RUN_METRICS\"))!, \"..\", \"..\")";
        string Records(string mine) => $"System.IO.File.WriteAllText(System.IO.Path.Combine({RunsRoot}, \"{mine}.pid\"), Environment.ProcessId.ToString());\n";
        string Waits(string mine, string other) =>
            Records(mine) +
            $"var other = System.IO.Path.Combine({RunsRoot}, \"{other}.pid\");\n" +
            $"for (int i = 0; i < 600 && !System.IO.File.Exists(other); i++) System.Threading.Thread.Sleep(100);\n" +
            $"if (!System.IO.File.Exists(other)) throw new InvalidOperationException(\"{other} never started\");\n" +
            $"Console.WriteLine(\"{mine} saw {other}\");";
        string[] lessons = ["p1-first", "p2-second", "p3-exits", "p4-fails", "p5-after"];
        var paths = new[]
        {
            fixtures.Notebook(lessons[0], Code(Waits("p1-first", "p2-second"))),
            fixtures.Notebook(lessons[1], Code(Waits("p2-second", "p1-first"))),
            fixtures.Notebook(lessons[2], Code(Records("p3-exits") + "Console.WriteLine(\"about to exit\");"), Code("Environment.Exit(3);")),
            fixtures.Notebook(lessons[3], Code(Records("p4-fails")), Code("throw new InvalidOperationException(\"on purpose\");")),
            fixtures.Notebook(lessons[4], Code(Records("p5-after") + "Console.WriteLine(\"after the crash\");")),
        };

        var run = await ChildProcess.RunAsync("dotnet", [LessonTests.Course, "run", .. paths, "--jobs", "2", "--runs-dir", fixtures.RunsFolder], fixtures.Folder);

        Assert.Equal(ExitCodes.CellFailed, run.ExitCode);
        Assert.Contains("5 lessons, 2 at a time", run.Errors);
        Assert.Contains("p1-first saw p2-second", run.Errors);
        Assert.Contains("p2-second saw p1-first", run.Errors);
        Assert.Contains("p4-fails.ipynb, cell 2, line 1: exception: System.InvalidOperationException: on purpose", run.Errors);
        // A process that ends before its lesson does is reported with its exit code and the run folder it left, and
        // the lessons after it still run.
        Assert.Contains("about to exit", run.Errors);
        Assert.Contains("FAILED p3-exits: its process ended with exit code 3", run.Errors);
        Assert.Contains("after the crash", run.Errors);
        var rows = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(lessons, rows.Select(r => r[0]));
        Assert.Equal(["succeeded", "succeeded", "crashed (exit 3)", "failed", "succeeded"], rows.Select(r => r[0] == "p3-exits" ? string.Join(" ", r[1..4]) : r[1]));
        var store = new NotebookCourse.Course.Runs.RunStore(fixtures.RunsFolder);
        foreach (var (lesson, row) in lessons.Zip(rows))
            Assert.Equal(Assert.Single(store.Runs(lesson)).Folder, row[^1]);
        Assert.Equal("running", Assert.Single(store.Runs("p3-exits")).Record.Status);
        var processes = lessons.ToDictionary(l => l, l => File.ReadAllText(Path.Combine(fixtures.RunsFolder, l + ".pid")));
        Assert.NotEqual(processes["p1-first"], processes["p2-second"]);
        // Two workers and the one that replaced the crashed worker: a process ran more than one lesson.
        Assert.True(processes.Values.Distinct().Count() <= 3, $"lessons ran in processes {string.Join(", ", processes.Select(p => $"{p.Key} {p.Value}"))}; expected at most 3");
        // The failed lesson's executed notebook is written, with the error as its failing cell's output.
        var failed = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(rows[3][^1], "p4-fails.ipynb")))!;
        Assert.Contains("on purpose", failed.ToJsonString());
    }

    [Fact]
    public async Task A_worker_whose_cell_timed_out_is_replaced_and_the_other_lessons_run()
    {
        var paths = new[]
        {
            fixtures.Notebook("t1-sleeps", Code("System.Threading.Thread.Sleep(60_000);")),
            fixtures.Notebook("t2-quick", Code("Console.WriteLine(\"t2 ran\");")),
            fixtures.Notebook("t3-quick", Code("Console.WriteLine(\"t3 ran\");")),
        };
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var run = await ChildProcess.RunAsync("dotnet", [LessonTests.Course, "run", .. paths, "--jobs", "2", "--cell-timeout", "3", "--runs-dir", fixtures.RunsFolder], fixtures.Folder);

        Assert.Equal(ExitCodes.CellFailed, run.ExitCode);
        Assert.Contains("ran longer than its timeout of 3 s", run.Errors);
        Assert.Contains("t2 ran", run.Errors);
        Assert.Contains("t3 ran", run.Errors);
        var rows = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(["failed", "succeeded", "succeeded"], rows.Select(r => r[1]));
        // The sleeping cell's thread is left behind in a worker that ends: nobody waits the 60 s out.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(50), $"the run took {clock.Elapsed.TotalSeconds:0} s");
    }

    [Fact]
    public async Task Lesson_processes_optimize_only_methods_called_often_and_without_the_instrumented_tier()
    {
        // The runner's runtimeconfig: with .NET's defaults, compiling the C# compiler's methods again took about a
        // quarter of lesson 4's CPU (benchmarks/Changes.md). Read inside a cell, where a lesson's code runs.
        var path = fixtures.Notebook("jit-settings", Code(
            "Console.WriteLine($\"threshold {AppContext.GetData(\"System.Runtime.TieredCompilation.CallCountThreshold\")}, PGO {AppContext.GetData(\"System.Runtime.TieredPGO\")}\");"));

        var run = await ChildProcess.RunAsync("dotnet", [LessonTests.Course, "run", path, "--jobs", "1", "--runs-dir", fixtures.RunsFolder], fixtures.Folder);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("threshold 1000, PGO false", run.Errors);
    }

    [Fact]
    public void Lessons_at_a_time_default_to_the_cores_a_lesson_leaves_free_and_must_be_at_least_one()
    {
        Assert.Equal(2, LessonProcesses.DefaultJobs(cores: 2, threadsPerLesson: 1));
        Assert.Equal(1, LessonProcesses.DefaultJobs(cores: 4, threadsPerLesson: 3));
        Assert.Equal(4, LessonProcesses.DefaultJobs(cores: 8, threadsPerLesson: 2));
        Assert.Equal(1, LessonProcesses.DefaultJobs(cores: 1, threadsPerLesson: 1));
        var path = fixtures.Notebook("jobs", Code("1"));
        var errors = new StringWriter();
        Assert.Equal(ExitCodes.InputError, RunCommand.Execute([path], [], null, fixtures.RunsFolder, new StringWriter(), errors, jobs: 0));
        Assert.Contains("--jobs is 0; expected", errors.ToString());
    }

    [Fact]
    public void Metrics_reported_during_a_run_are_in_its_record_with_their_last_value()
    {
        var path = fixtures.Notebook("metrics", Code(
            "var file = Environment.GetEnvironmentVariable(\"COURSE_RUN_METRICS\");\n" +
            "System.IO.File.AppendAllText(file, \"{\\\"name\\\":\\\"acc\\\",\\\"value\\\":0.5}\\n{\\\"name\\\":\\\"acc\\\",\\\"value\\\":0.8}\\n{\\\"name\\\":\\\"loss\\\",\\\"value\\\":\\\"NaN\\\"}\\n\");"));
        var result = fixtures.Run(path);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(0.8, result.Record!.Metrics["acc"]);
        Assert.True(double.IsNaN(result.Record.Metrics["loss"]));
    }

    [Fact]
    public void Runs_of_a_lesson_are_listed_with_the_parameters_that_differ_and_their_metrics()
    {
        var path = fixtures.Notebook("compare",
            Code("var Epochs = 3;\nvar Seed = 1;", "parameters"),
            Code("System.IO.File.AppendAllText(Environment.GetEnvironmentVariable(\"COURSE_RUN_METRICS\"), $\"{{\\\"name\\\":\\\"score\\\",\\\"value\\\":{Epochs * 10}}}\\n\");"));
        fixtures.Run(path);
        fixtures.Run(path, ["Epochs=5"]);

        var output = new StringWriter();
        Assert.Equal(ExitCodes.Success, RunsCommand.Execute("compare", fixtures.RunsFolder, output, TextWriter.Null));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("2 run(s) of compare", lines[0]);
        var header = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["run", "status", "seconds", "Epochs", "score"], header);
        Assert.Equal(["3", "30"], lines[3].Split(' ', StringSplitOptions.RemoveEmptyEntries)[^2..]);
        Assert.Equal(["5", "50"], lines[4].Split(' ', StringSplitOptions.RemoveEmptyEntries)[^2..]);

        Assert.Equal(ExitCodes.InputError, RunsCommand.Execute("never-run", fixtures.RunsFolder, TextWriter.Null, TextWriter.Null));
    }
}
