extern alias generators;

using Xunit;
using HyperParameterNames = generators::HyperGen.Generators.HyperParameterNames;

namespace HyperGen.Generators.Tests;

/// <summary>Checks the snake_case rule that names hyperparameters after their properties.</summary>
public sealed class HyperParameterNamesTests
{
    [Theory]
    [InlineData("Units", "units")]
    [InlineData("LearningRate", "learning_rate")]
    [InlineData("HTTPTimeout", "http_timeout")]
    [InlineData("IOStream", "io_stream")]
    [InlineData("Layer2Units", "layer2_units")]
    [InlineData("MP3Player", "mp3_player")]
    [InlineData("Conv2D", "conv2_d")]
    [InlineData("UseGPU", "use_gpu")]
    [InlineData("learningRate", "learning_rate")]
    [InlineData("Learning_Rate", "learning_rate")]
    [InlineData("X", "x")]
    [InlineData("class", "class")]
    public void ToSnakeCase_ConvertsPropertyName(string propertyName, string expected)
    {
        Assert.Equal(expected, HyperParameterNames.ToSnakeCase(propertyName));
    }
}
