using NotebookCourse.Course.Commands;

namespace NotebookCourse.Course.Tests;

public class CellEchoTests
{
    [Fact]
    public void On_a_terminal_each_new_line_clears_the_progress_line_once()
    {
        var log = new StringWriter();
        var echo = new CellEcho(log, clearProgressLine: true);
        echo.Write("epoch");
        echo.Write(' ');
        echo.WriteLine("1");
        echo.Write("epoch 2");
        Assert.Equal("\r\x1b[Kepoch 1" + Environment.NewLine + "\r\x1b[Kepoch 2", log.ToString());
    }

    [Fact]
    public void In_a_log_file_the_text_is_copied_as_it_is()
    {
        var log = new StringWriter();
        var echo = new CellEcho(log, clearProgressLine: false);
        echo.WriteLine("epoch 1");
        Assert.Equal("epoch 1" + Environment.NewLine, log.ToString());
    }
}
