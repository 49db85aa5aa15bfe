using Microsoft.Data.Analysis;
using NotebookCourse.Helpers.Display;

namespace NotebookCourse.Helpers.Tests.Display;

public class TablesTests
{
    [Fact]
    public void Rows_become_typed_columns_named_after_their_properties()
    {
        var frame = Tables.FromRows(new[]
        {
            new { model = "masked", epochs = 3, accuracy = 0.75, early = true, note = (string?)null },
            new { model = "unmasked", epochs = 5, accuracy = 0.5, early = false, note = (string?)"pads" },
        });

        Assert.Equal(["model", "epochs", "accuracy", "early", "note"], frame.Columns.Select(c => c.Name));
        Assert.IsType<StringDataFrameColumn>(frame.Columns["model"]);
        Assert.IsType<Int64DataFrameColumn>(frame.Columns["epochs"]);
        Assert.IsType<DoubleDataFrameColumn>(frame.Columns["accuracy"]);
        Assert.IsType<BooleanDataFrameColumn>(frame.Columns["early"]);
        Assert.Equal(2, frame.Rows.Count);
        Assert.Equal("unmasked", frame.Columns["model"][1]);
        Assert.Equal(5L, frame.Columns["epochs"][1]);
        Assert.Equal(0.75, frame.Columns["accuracy"][0]);
        Assert.Null(frame.Columns["note"][0]);
        Assert.Equal("pads", frame.Columns["note"][1]);
    }

    [Fact]
    public void A_type_without_properties_is_an_error_that_names_it()
    {
        Assert.Contains("Int32 has no public properties", Assert.Throws<ArgumentException>(() => Tables.FromRows(new[] { 1, 2 })).Message);
    }

    [Fact]
    public void Rows_collected_as_objects_take_their_columns_from_the_rows_own_type()
    {
        var rows = new List<object> { new { pads = 0, weight = 0.5 }, new { pads = 5, weight = 0.25 } };
        var frame = Tables.FromRows(rows);
        Assert.Equal(["pads", "weight"], frame.Columns.Select(c => c.Name));
        Assert.Equal(0.25, frame.Columns["weight"][1]);
        Assert.Contains("same type", Assert.Throws<ArgumentException>(() => Tables.FromRows(new List<object> { new { a = 1 }, new { b = 2 } })).Message);
    }
}
