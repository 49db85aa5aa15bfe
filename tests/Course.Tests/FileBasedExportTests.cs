using NotebookCourse.Course.Commands;
using NotebookCourse.Course.Exporting;
using NotebookCourse.Course.Notebooks;
using static NotebookCourse.Course.Tests.Fixtures;

namespace NotebookCourse.Course.Tests;

/// <summary><c>course export</c>: a notebook's cells as a .NET 10 file-based app, checked on small notebooks.</summary>
public class FileBasedExportTests
{
    readonly Fixtures fixtures = new();
    const string Library = "#r \"../src/Helpers/bin/NotebookCourse.Helpers.dll\"";

    // The fixtures' notebooks sit in a folder whose parent stands for the repository.
    string Repository => Directory.GetParent(fixtures.Folder)!.FullName;
    string Output => Path.Combine(Repository, "exports");

    string Export(params System.Text.Json.Nodes.JsonObject[] cells) =>
        FileBasedExport.Source(Notebook.Load(fixtures.Notebook("lesson", cells)), Repository, Output);

    [Fact]
    public void Directives_become_the_project_and_package_lines_and_usings_move_to_the_top_once()
    {
        string source = Export(
            Code("#r \"nuget: Microsoft.Data.Analysis, 0.23.1\"\n" + Library + "\nusing System.IO;\nusing TorchSharp;\nvar a = 1;"),
            Code("using System.IO;\nusing static TorchSharp.torch;\nvar b = a + 1;"));

        var lines = source.Split('\n');
        Assert.Equal("#:project ../src/Helpers/NotebookCourse.Helpers.csproj", lines[0]);
        Assert.Contains("#:package Microsoft.Data.Analysis", lines);
        Assert.Contains("#:property PublishAot=false", lines);
        Assert.Single(lines, l => l == "using System.IO;");
        // Usings precede every statement: the kernel's defaults first, then the cells' in order.
        int firstStatement = Array.FindIndex(lines, l => l.StartsWith("NotebookCourse.Helpers.Lessons.FileBasedLesson.Start", StringComparison.Ordinal));
        Assert.True(Array.IndexOf(lines, "using static TorchSharp.torch;") is > 0 and var u && u < firstStatement);
        Assert.True(Array.IndexOf(lines, "using System;") < Array.IndexOf(lines, "using TorchSharp;"));
        Assert.DoesNotContain(lines, l => l.StartsWith("#r", StringComparison.Ordinal));
        Assert.Contains("var b = a + 1;", source);
    }

    [Fact]
    public void Cells_keep_their_order_and_number_and_markdown_becomes_comments()
    {
        string source = Export(Markdown("# Title\n\nSome *text*."), Code(Library), Code("var x = 2;"));

        Assert.Contains("// ---- cell 1 (markdown) ----\n// # Title\n//\n// Some *text*.\n", source);
        int second = source.IndexOf("FileBasedLesson.Cell(2);", StringComparison.Ordinal);
        int third = source.IndexOf("FileBasedLesson.Cell(3);\nvar x = 2;", StringComparison.Ordinal);
        Assert.True(second > 0 && third > second, source);
        Assert.Contains("FileBasedLesson.Start(\"lesson\", notebookFolder: \"../" + Path.GetFileName(fixtures.Folder) + "\")", source);
    }

    [Fact]
    public void A_cells_last_expression_is_displayed_and_a_print_call_stays_a_statement()
    {
        string source = Export(Code(Library), Code("var x = 2;\nx * 3"), Code("Console.WriteLine(x)"));

        Assert.Contains("display(x * 3);", source);
        Assert.Contains("Console.WriteLine(x);", source);
        Assert.Contains("static NotebookCourse.Helpers.Display.ConsoleDisplayHandle display(object value)", source);
    }

    [Fact]
    public void Types_declared_in_cells_go_after_the_statements()
    {
        string source = Export(Code(Library), Code("record Point(int X, int Y);\nvar p = new Point(1, 2);"), Code("p"));

        int type = source.IndexOf("record Point(int X, int Y);", StringComparison.Ordinal);
        Assert.True(type > source.IndexOf("display(p);", StringComparison.Ordinal) && type > source.IndexOf("static NotebookCourse", StringComparison.Ordinal), source);
        Assert.Contains("// declared in cell 2\nrecord Point", source);
    }

    [Fact]
    public void The_parameters_cell_is_kept_and_followed_by_its_command_line_overrides()
    {
        string source = Export(Code(Library), Code("var Epochs = 8;\nvar Rate = 0.01;\nvar Name = \"a\";", "parameters"));

        Assert.Contains("var Epochs = 8;\nvar Rate = 0.01;\nvar Name = \"a\";\n", source);
        Assert.Contains("var exportArguments = NotebookCourse.Helpers.Lessons.LessonArguments.Parse(args, (\"Epochs\", Epochs), (\"Rate\", Rate), (\"Name\", Name));", source);
        Assert.Contains("Epochs = exportArguments.Get(\"Epochs\", Epochs);", source);
        Assert.Contains("Name = exportArguments.Get(\"Name\", Name);", source);
    }

    [Fact]
    public void A_name_declared_in_two_cells_is_refused_with_both_cells_named()
    {
        var error = Assert.Throws<ExportException>(() => Export(Code(Library), Code("var total = 1;"), Code("var total = 2;")));
        Assert.Contains("'total' is declared in cell 2 and again in cell 3", error.Message);
    }

    [Fact]
    public void Other_assemblies_other_kernels_and_access_modifiers_are_refused_with_the_cell()
    {
        Assert.Contains("cell 1, line 1: #r \"other.dll\": an exported lesson references the course library only",
            Assert.Throws<ExportException>(() => Export(Code("#r \"other.dll\""))).Message);
        Assert.Contains("cell 2, line 1: '#!fsharp' selects another kernel",
            Assert.Throws<ExportException>(() => Export(Code(Library), Code("#!fsharp\nlet x = 1"))).Message);
        Assert.Contains("cell 2: method 'Twice' has an access modifier",
            Assert.Throws<ExportException>(() => Export(Code(Library), Code("public int Twice(int x) => 2 * x;"))).Message);
        Assert.Contains("no cell references the course library",
            Assert.Throws<ExportException>(() => Export(Code("var x = 1;"))).Message);
    }

    [Fact]
    public void The_command_refuses_a_folder_outside_the_repository_and_says_why()
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        int exit = ExportCommand.Execute([Path.Combine(LessonTests.Repository, "notebooks", "00-setup-check.ipynb")], fixtures.Folder, output, errors);

        Assert.Equal(ExitCodes.InputError, exit);
        Assert.Contains("is outside the repository", errors.ToString());
        Assert.Contains("choose a folder in the repository (default: exports/)", errors.ToString());
    }
}
