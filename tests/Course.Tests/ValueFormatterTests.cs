using System.Collections;
using NotebookCourse.Course.Formatting;

namespace NotebookCourse.Course.Tests;

public class ValueFormatterTests
{
    [Fact]
    public void Generic_and_non_generic_dictionaries_print_their_entries()
    {
        Assert.Equal("{to: 1, see: 2}", ValueFormatter.PlainText(new Dictionary<string, int> { ["to"] = 1, ["see"] = 2 }));
        Assert.Equal("{a: x}", ValueFormatter.PlainText(new Hashtable { ["a"] = "x" }));
    }

    [Fact]
    public void Sequences_print_their_items()
    {
        Assert.Equal("[1, 2.5, text]", ValueFormatter.PlainText(new object[] { 1, 2.5, "text" }));
    }

    [Fact]
    public void A_data_frame_prints_as_aligned_columns_with_six_significant_digits()
    {
        var frame = new Microsoft.Data.Analysis.DataFrame(
            new Microsoft.Data.Analysis.Int32DataFrameColumn("id", [0, 1]),
            new Microsoft.Data.Analysis.SingleDataFrameColumn("d0", [0.33669037f, -1.1228564f]),
            new Microsoft.Data.Analysis.SingleDataFrameColumn("d1", [0.1288094f, 2f]));
        Assert.Equal("DataFrame: 2 rows x 3 columns\nid        d0        d1\n 0   0.33669  0.128809\n 1  -1.12286         2\n",
            ValueFormatter.PlainText(frame).ReplaceLineEndings("\n"));
    }
}
