using HyperGen;
using Xunit;

namespace HyperGen.Tests;

public class TpeTests
{
    private static readonly ParzenSettings s_independent = new(1.0, ConsiderMagicClip: true, ConsiderEndpoints: false, Multivariate: false);
    private static readonly ParzenSettings s_joint = s_independent with { Multivariate = true };
    private static readonly ParzenDimension s_continuous = new(ParzenDimensionKind.Continuous, 0);

    // Parzen estimator

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ParzenEstimator_ContinuousDensity_IntegratesToOne(bool multivariate)
    {
        var estimator = new ParzenEstimator([s_continuous], Points(0.02, 0.1, 0.15, 0.8, 0.99), multivariate ? s_joint : s_independent);

        double integral = Integrate(x => Math.Exp(estimator.LogDensities([[x]])[0]), 20_000);

        Assert.Equal(1.0, integral, 3);
    }

    [Fact]
    public void ParzenEstimator_JointDensity_IntegratesToOne()
    {
        var dimensions = new[] { s_continuous, s_continuous };
        var estimator = new ParzenEstimator(dimensions, [[0.2, 0.3], [0.25, 0.9], [0.7, 0.1]], s_joint);
        const int steps = 400;
        var points = new List<double[]>();
        for (int i = 0; i < steps; i++)
        {
            for (int j = 0; j < steps; j++)
            {
                points.Add([(i + 0.5) / steps, (j + 0.5) / steps]);
            }
        }

        double integral = estimator.LogDensities(points).Sum(Math.Exp) / (steps * steps);

        Assert.Equal(1.0, integral, 3);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(1_000)]
    public void ParzenEstimator_GridMasses_SumToOne(int count)
    {
        var grid = new ParzenDimension(ParzenDimensionKind.Grid, count);
        var observations = Points(grid.BucketCentre(0), grid.BucketCentre(1), grid.BucketCentre(count / 2));
        var estimator = new ParzenEstimator([grid], observations, s_independent);
        var centres = Enumerable.Range(0, count).Select(bucket => new[] { grid.BucketCentre(bucket) }).ToList();

        double total = estimator.LogDensities(centres).Sum(Math.Exp);

        Assert.Equal(1.0, total, 4);
    }

    [Fact]
    public void ParzenEstimator_Density_PeaksNearObservations()
    {
        var estimator = new ParzenEstimator([s_continuous], Points(0.18, 0.2, 0.22, 0.25), s_independent);

        var densities = estimator.LogDensities([[0.2], [0.6], [0.95]]);

        Assert.True(densities[0] > densities[1], $"log density {densities[0]} at 0.2 is not above {densities[1]} at 0.6");
        Assert.True(densities[1] > densities[2], $"log density {densities[1]} at 0.6 is not above {densities[2]} at 0.95");
    }

    [Fact]
    public void ParzenEstimator_CategoricalWeights_FollowCounts()
    {
        var categories = new ParzenDimension(ParzenDimensionKind.Categorical, 3);
        var estimator = new ParzenEstimator([categories], Points(0, 0, 0, 1), s_independent);

        var probabilities = estimator.LogDensities([[0], [1], [2]]).Select(Math.Exp).ToArray();

        // Five kernels weigh 1/5 each. An observation puts (1 + 1/5) / 1.6 on its category and 0.2 / 1.6 on each
        // other one, and the prior kernel is uniform.
        Assert.Equal((3 * 0.75 + 0.125 + 1.0 / 3) / 5, probabilities[0], 12);
        Assert.Equal((3 * 0.125 + 0.75 + 1.0 / 3) / 5, probabilities[1], 12);
        Assert.Equal((4 * 0.125 + 1.0 / 3) / 5, probabilities[2], 12);
        Assert.Equal(1.0, probabilities.Sum(), 12);
    }

    [Fact]
    public void ParzenEstimator_CategoricalSamples_MatchWeights()
    {
        var categories = new ParzenDimension(ParzenDimensionKind.Categorical, 3);
        var estimator = new ParzenEstimator([categories], Points(0, 0, 0, 1), s_independent);
        var random = new DeterministicRandom(1, 0);
        var counts = new int[3];
        const int draws = 40_000;

        for (int i = 0; i < draws; i++)
        {
            counts[(int)estimator.Sample(random)[0]]++;
        }

        var expected = estimator.LogDensities([[0], [1], [2]]).Select(Math.Exp).ToArray();
        for (int category = 0; category < 3; category++)
        {
            Assert.InRange((double)counts[category] / draws, expected[category] - 0.01, expected[category] + 0.01);
        }
    }

    [Fact]
    public void ParzenEstimator_ContinuousSamples_FollowTheDensity()
    {
        var estimator = new ParzenEstimator([s_continuous], Points(0.0, 0.01, 0.02, 0.03, 0.7), s_independent);
        var random = new DeterministicRandom(2, 0);
        const int draws = 40_000;

        var samples = Enumerable.Range(0, draws).Select(_ => estimator.Sample(random)[0]).ToList();

        Assert.All(samples, x => Assert.InRange(x, 0.0, 1.0));
        foreach (var (lower, upper) in new[] { (0.0, 0.1), (0.1, 0.4), (0.6, 0.8) })
        {
            double expected = (upper - lower) * Integrate(x => Math.Exp(estimator.LogDensities([[lower + x * (upper - lower)]])[0]), 2_000);
            double observed = samples.Count(x => x >= lower && x < upper) / (double)draws;
            Assert.InRange(observed, expected - 0.01, expected + 0.01);
        }
    }

    [Fact]
    public void RecencyWeights_RampOnlyOlderObservations()
    {
        var weights = ParzenEstimator.RecencyWeights(30);

        Assert.Equal(1.0 / 30, weights[0], 12);
        Assert.Equal(1.0, weights[4], 12);
        Assert.All(weights.Skip(5), weight => Assert.Equal(1.0, weight));
        Assert.True(weights[1] > weights[0]);
        Assert.All(ParzenEstimator.RecencyWeights(25), weight => Assert.Equal(1.0, weight));
    }

    private static List<double[]> Points(params double[] coordinates) => coordinates.Select(c => new[] { c }).ToList();

    private static double Integrate(Func<double, double> f, int steps)
    {
        double sum = 0;
        for (int i = 0; i < steps; i++)
        {
            sum += f((i + 0.5) / steps);
        }

        return sum / steps;
    }
}
