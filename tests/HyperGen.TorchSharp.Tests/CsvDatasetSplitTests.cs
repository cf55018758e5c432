using System;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HyperGen.TorchSharp.Tests;

public sealed class CsvDatasetSplitTests
{
    [Fact]
    public void Stratified_KeepsClassProportions()
    {
        long[] labels = [.. Enumerable.Repeat(0L, 60), .. Enumerable.Repeat(1L, 30), .. Enumerable.Repeat(2L, 10)];

        var split = DatasetSplit.Stratified(labels, validationFraction: 0.2, seed: 1);

        Assert.Equal(20, split.Validation.Length);
        Assert.Equal(80, split.Train.Length);
        Assert.Equal(12, split.Validation.Count(row => labels[row] == 0));
        Assert.Equal(6, split.Validation.Count(row => labels[row] == 1));
        Assert.Equal(2, split.Validation.Count(row => labels[row] == 2));
        Assert.Empty(split.Train.Intersect(split.Validation));
    }

    [Fact]
    public void Stratified_UnevenShares_AddsUpToRoundedTotal()
    {
        long[] labels = [.. Enumerable.Repeat(0L, 7), .. Enumerable.Repeat(1L, 7), .. Enumerable.Repeat(2L, 7)];

        var split = DatasetSplit.Stratified(labels, validationFraction: 0.25, seed: 3);

        Assert.Equal(5, split.Validation.Length);
        Assert.All(new[] { 0L, 1L, 2L }, label => Assert.InRange(split.Validation.Count(row => labels[row] == label), 1, 2));
        Assert.Equal(Enumerable.Range(0, 21), split.Train.Concat(split.Validation).Order());
    }

    [Fact]
    public void Stratified_SameSeed_GivesSameSplit()
    {
        long[] labels = Enumerable.Range(0, 200).Select(row => (long)(row % 4)).ToArray();

        var first = DatasetSplit.Stratified(labels, 0.3, seed: 9);
        var second = DatasetSplit.Stratified(labels, 0.3, seed: 9);
        var other = DatasetSplit.Stratified(labels, 0.3, seed: 10);

        Assert.Equal(first.Validation, second.Validation);
        Assert.Equal(first.Train, second.Train);
        Assert.NotEqual(first.Validation, other.Validation);
    }

    [Fact]
    public void Stratified_FractionOutOfRange_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => DatasetSplit.Stratified([0, 1, 0, 1], validationFraction: 1.0, seed: 1));

        Assert.Contains("greater than 0 and less than 1", error.Message);
    }

    [Fact]
    public void FromTable_StandardisesWithTrainingStatistics()
    {
        // x = row² makes the training statistics differ from the whole table's; "constant" has zero variance.
        string csv = "x,constant,label\n" + string.Concat(Enumerable.Range(0, 10).Select(row => $"{row * row},5,{(row < 5 ? 0 : 1)}\n"));
        var table = CsvDataset.Parse(new System.IO.StringReader(csv), "inline.csv");
        var split = DatasetSplit.Stratified(table.GetClassLabels(), 0.2, seed: 42);
        double[] trainX = split.Train.Select(row => (double)(row * row)).ToArray();
        double mean = trainX.Average();
        double deviation = Math.Sqrt(trainX.Select(x => (x - mean) * (x - mean)).Average());
        Assert.NotEqual(Enumerable.Range(0, 10).Average(row => row * row), mean, 3);

        using var data = TensorDataset.FromTable(table, TaskKind.Classification, validationFraction: 0.2, seed: 42);

        float[] validation = data.ValidationFeatures.data<float>().ToArray();
        for (int index = 0; index < split.Validation.Length; index++)
        {
            int row = split.Validation[index];
            Assert.Equal((row * row - mean) / deviation, validation[index * 2], 4);
            Assert.Equal(0f, validation[(index * 2) + 1]);
        }

        Assert.Equal(mean, data.Scaler!.Mean[0].item<float>(), 3);
        Assert.Equal(0.0, data.TrainFeatures[.., 0].mean().item<float>(), 5);
    }

    [Fact]
    public void FromTable_Classification_HasLongTargets()
    {
        var table = CsvDataset.Parse(new System.IO.StringReader("a,label\n1,0\n2,1\n3,2\n4,0\n5,1\n6,2\n"), "inline.csv");

        using var data = TensorDataset.FromTable(table, TaskKind.Classification, validationFraction: 0.5, seed: 1);

        Assert.Equal(ScalarType.Int64, data.TrainTargets.dtype);
        Assert.Equal(3, data.ClassCount);
        Assert.Equal(3, data.TrainCount);
        Assert.Equal(3, data.ValidationCount);
    }

    [Fact]
    public void FromTable_Regression_HasFloatTargets()
    {
        var table = CsvDataset.Parse(new System.IO.StringReader("a,y\n1,0.5\n2,1.5\n3,2.5\n4,3.5\n5,4.5\n"), "inline.csv");

        using var data = TensorDataset.FromTable(table, TaskKind.Regression, validationFraction: 0.4, seed: 1);

        Assert.Equal(ScalarType.Float32, data.TrainTargets.dtype);
        Assert.Equal(0, data.ClassCount);
        Assert.Equal(2, data.ValidationCount);
    }
}
