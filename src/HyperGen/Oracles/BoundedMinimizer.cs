using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace HyperGen;

/// <summary>
/// Minimises a function inside a box with MathNet's L-BFGS-B from several starts and returns the best point that any
/// run evaluated.
/// </summary>
/// <remarks>
/// Every evaluation is recorded, so a run that ends with an <see cref="OptimizationException"/> (a failed line
/// search or the iteration limit) still contributes the best point it reached.
/// </remarks>
internal sealed class BoundedMinimizer
{
    private readonly BfgsBMinimizer _minimizer;
    private readonly Vector<double> _lower;
    private readonly Vector<double> _upper;

    /// <summary>Creates a minimiser over the box [<paramref name="lower"/>, <paramref name="upper"/>].</summary>
    public BoundedMinimizer(Vector<double> lower, Vector<double> upper, int maxIterations)
    {
        _minimizer = new BfgsBMinimizer(1e-5, 1e-6, 1e-7, maxIterations);
        _lower = lower;
        _upper = upper;
    }

    /// <summary>Minimises a function whose gradient is known, from each start.</summary>
    public (Vector<double> Point, double Value) Minimize(
        Func<Vector<double>, (double Value, Vector<double> Gradient)> function, IEnumerable<Vector<double>> starts)
    {
        var best = new BestPoint();
        var objective = ObjectiveFunction.Gradient(point =>
        {
            var result = function(point);
            best.Offer(point, result.Value);
            return result;
        });
        return Run(objective, starts, best);
    }

    private (Vector<double> Point, double Value) Run(
        IObjectiveFunction objective, IEnumerable<Vector<double>> starts, BestPoint best)
    {
        foreach (var start in starts)
        {
            try
            {
                _minimizer.FindMinimum(objective, _lower, _upper, start);
            }
            catch (OptimizationException)
            {
                // The best point evaluated before the failure is already recorded.
            }
            catch (ArgumentException)
            {
                // L-BFGS-B's own quasi-Newton matrix can lose positive definiteness on a badly scaled surface, and
                // MathNet reports that as ArgumentException. Callers pass fixed bounds with starts inside them, so
                // the failure is numerical: keep the best point evaluated so far and go on with the next start.
            }
        }

        if (best.Point is null)
        {
            throw new InvalidOperationException("The minimiser evaluated no point. Give it at least one start.");
        }

        return (best.Point, best.Value);
    }

    private sealed class BestPoint
    {
        public Vector<double>? Point { get; private set; }

        public double Value { get; private set; } = double.PositiveInfinity;

        public void Offer(Vector<double> point, double value)
        {
            if (Point is null || value < Value)
            {
                Point = point.Clone();
                Value = value;
            }
        }
    }
}
