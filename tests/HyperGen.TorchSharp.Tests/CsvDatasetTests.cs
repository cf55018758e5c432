using System;
using System.IO;
using Xunit;

namespace HyperGen.TorchSharp.Tests;

public sealed class CsvDatasetTests
{
    [Fact]
    public void Load_GoodFile_ReadsFeaturesAndLastColumnTarget()
    {
        using var folder = new TemporaryDirectory();
        string path = Write(folder, "a,b,label\n1,2.5,0\n\n-3,4e-1,1\n");

        var table = CsvDataset.Load(path);

        Assert.Equal(["a", "b"], table.FeatureNames);
        Assert.Equal("label", table.TargetName);
        Assert.Equal(2, table.RowCount);
        Assert.Equal([1f, 2.5f, -3f, 0.4f], table.Features.ToArray());
        Assert.Equal([0.0, 1.0], table.Targets.ToArray());
        Assert.Equal(4, table.LineOf(1));
    }

    [Fact]
    public void Load_NamedTarget_UsesThatColumn()
    {
        using var folder = new TemporaryDirectory();
        string path = Write(folder, "\"price, usd\",rooms,area\n100,3,50\n200,4,80\n");

        var table = CsvDataset.Load(path, targetColumn: "price, usd");

        Assert.Equal(["rooms", "area"], table.FeatureNames);
        Assert.Equal([3f, 50f, 4f, 80f], table.Features.ToArray());
        Assert.Equal([100.0, 200.0], table.Targets.ToArray());
    }

    [Fact]
    public void Load_RaggedRow_NamesLineAndCounts()
    {
        using var folder = new TemporaryDirectory();
        string path = Write(folder, "a,b,label\n1,2,0\n3,1\n");

        var error = Assert.Throws<CsvFormatException>(() => CsvDataset.Load(path));

        Assert.Equal(3, error.Line);
        Assert.Null(error.Column);
        Assert.Contains(path, error.Message);
        Assert.Contains("line 3 has 2 cells, but the header has 3 columns", error.Message);
    }

    [Fact]
    public void Load_NonNumericCell_NamesLineAndColumn()
    {
        using var folder = new TemporaryDirectory();
        string path = Write(folder, "a,b,label\n1,2,0\n3,x7,1\n");

        var error = Assert.Throws<CsvFormatException>(() => CsvDataset.Load(path));

        Assert.Equal(path, error.Path);
        Assert.Equal(3, error.Line);
        Assert.Equal("b", error.Column);
        Assert.Contains("line 3, column \"b\": \"x7\" is not a finite number", error.Message);
    }

    [Fact]
    public void Load_EmptyCell_IsRejected()
    {
        using var folder = new TemporaryDirectory();
        string path = Write(folder, "a,b,label\n1,,0\n");

        var error = Assert.Throws<CsvFormatException>(() => CsvDataset.Load(path));

        Assert.Equal("b", error.Column);
        Assert.Contains("an empty cell", error.Message);
    }

    [Fact]
    public void Load_UnknownTargetColumn_ListsColumns()
    {
        using var folder = new TemporaryDirectory();
        string path = Write(folder, "a,b,label\n1,2,0\n");

        var error = Assert.Throws<ArgumentException>(() => CsvDataset.Load(path, targetColumn: "class"));

        Assert.Contains("\"class\"", error.Message);
        Assert.Contains("a, b, label", error.Message);
    }

    [Fact]
    public void Load_HeaderOnly_IsRejected()
    {
        using var folder = new TemporaryDirectory();
        string path = Write(folder, "a,b,label\n");

        var error = Assert.Throws<CsvFormatException>(() => CsvDataset.Load(path));

        Assert.Contains("no data rows", error.Message);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound()
    {
        using var folder = new TemporaryDirectory();

        Assert.Throws<FileNotFoundException>(() => CsvDataset.Load(Path.Combine(folder.Path, "missing.csv")));
    }

    [Fact]
    public void GetClassLabels_FractionalTarget_NamesLine()
    {
        var table = CsvDataset.Parse(new StringReader("a,label\n1,0\n2,1.5\n"), "inline.csv");

        var error = Assert.Throws<CsvFormatException>(() => table.GetClassLabels());

        Assert.Equal(3, error.Line);
        Assert.Equal("label", error.Column);
    }

    private static string Write(TemporaryDirectory folder, string text)
    {
        string path = Path.Combine(folder.Path, "table.csv");
        File.WriteAllText(path, text);

        return path;
    }
}
