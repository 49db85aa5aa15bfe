using System.Runtime.CompilerServices;
using System.Text;
using NotebookCourse.Helpers.Display;

namespace NotebookCourse.Helpers.Lessons;

/// <summary>
/// What a lesson exported as a .NET 10 file-based app (<c>course export</c>) does around its cells: it runs in the
/// notebook's folder as in Polyglot, prints a heading before each cell's first output, writes charts next to the
/// exported file, and ends a failed run with the cell and the error (exit code 1; 2 for a bad command line).
/// </summary>
public static class FileBasedLesson
{
    static int started;

    /// <summary>The notebook's number of the cell running now (0 before the first).</summary>
    public static int CurrentCell { get; private set; }

    /// <summary>The lesson's name, as in <c>course run</c>.</summary>
    public static string Lesson { get; private set; } = "";

    /// <param name="lesson">The lesson's name (its notebook's file name without extension).</param>
    /// <param name="notebookFolder">The notebook's folder, relative to the exported file.</param>
    /// <param name="exportedFile">Filled in by the compiler: the exported file's path.</param>
    public static void Start(string lesson, string notebookFolder, [CallerFilePath] string exportedFile = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lesson);
        ArgumentException.ThrowIfNullOrWhiteSpace(notebookFolder);
        if (Interlocked.Exchange(ref started, 1) == 1)
            throw new InvalidOperationException("FileBasedLesson.Start was called twice; a lesson starts once.");
        string here = Path.GetDirectoryName(Path.GetFullPath(exportedFile))!;
        string folder = Path.GetFullPath(Path.Combine(here, notebookFolder));
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"The lesson's notebook folder '{folder}' does not exist; export the lesson again with `course export`.");
        Lesson = lesson;
        AppDomain.CurrentDomain.UnhandledException += (_, e) => Fail(e.ExceptionObject as Exception);
        Environment.CurrentDirectory = folder;
        ConsoleDisplay.ChartFolder = here;
        ConsoleDisplay.ChartFilePrefix = lesson;
        Console.SetOut(new CellHeadingWriter(Console.Out));
    }

    /// <summary>Marks the start of a cell (its number in the notebook).</summary>
    public static void Cell(int number)
    {
        if (number <= CurrentCell)
            throw new ArgumentOutOfRangeException(nameof(number), number, $"Cells run in order; cell {CurrentCell} has run already.");
        CurrentCell = number;
    }

    static void Fail(Exception? error)
    {
        string where = CurrentCell == 0 ? Lesson : $"{Lesson}, cell {CurrentCell}";
        Console.Out.Flush();
        if (error is LessonArgumentException)
        {
            Console.Error.WriteLine($"{Lesson}: {error.Message}");
            Environment.Exit(2);
        }
        Console.Error.WriteLine($"FAILED {where}: {error?.GetType().Name}: {error?.Message}");
        Console.Error.WriteLine(error);
        Environment.Exit(1);
    }

    /// <summary>Writes "-- cell N --" before the first text a cell prints, so the console output reads cell by cell.</summary>
    sealed class CellHeadingWriter(TextWriter inner) : TextWriter
    {
        int headed;

        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value) { Heading(); inner.Write(value); }

        public override void Write(string? value)
        {
            if (string.IsNullOrEmpty(value))
                return;
            Heading();
            inner.Write(value);
        }

        public override void Write(char[] buffer, int index, int count) { Heading(); inner.Write(buffer, index, count); }

        public override void Flush() => inner.Flush();

        void Heading()
        {
            int cell = CurrentCell;
            if (cell == 0 || cell == headed)
                return;
            headed = cell;
            inner.Write($"{Environment.NewLine}-- cell {cell} --{Environment.NewLine}");
        }
    }
}
