using System;

namespace HyperGen.Analyzers.CodeFixes
{
    /// <summary>Finds the grid point nearest a value, on the grids that <see cref="SearchSpaceRules"/> defines.</summary>
    internal static class GridMath
    {
        /// <summary>
        /// Returns the point of the grid from <paramref name="min"/> to <paramref name="max"/> with
        /// <paramref name="step"/> that is nearest <paramref name="value"/>, the lower one on a tie. Values outside the
        /// range move to the first or last grid point.
        /// </summary>
        public static double Nearest(double min, double max, double step, Sampling sampling, double value)
        {
            long count = SearchSpaceRules.GridCount(min, max, step, sampling);
            if (count <= 1)
            {
                return min;
            }

            // The estimated index is exact for linear and log grids. Its neighbours cover rounding, and the reverse-log
            // grid, whose points are not evenly spaced in the log of the value.
            long guess = Clamp(EstimateIndex(min, max, step, sampling, value, count), 0, count - 1);
            double best = SearchSpaceRules.GridValue(min, max, step, sampling, guess, count);
            for (long index = Math.Max(0, guess - 2); index <= Math.Min(count - 1, guess + 2); index++)
            {
                double point = SearchSpaceRules.GridValue(min, max, step, sampling, index, count);
                double distance = Math.Abs(point - value);
                double bestDistance = Math.Abs(best - value);
                if (distance < bestDistance || (distance == bestDistance && point < best))
                {
                    best = point;
                }
            }

            return best;
        }

        private static long EstimateIndex(double min, double max, double step, Sampling sampling, double value, long count)
        {
            double position;
            switch (sampling)
            {
                case Sampling.Log:
                    position = value <= 0 ? 0 : Math.Log(value / min) / Math.Log(step);
                    break;
                case Sampling.ReverseLog:
                    double mirrored = max + min - value;
                    position = mirrored <= 0 ? count - 1 : count - 1 - (Math.Log(mirrored / min) / Math.Log(step));
                    break;
                default:
                    position = (value - min) / step;
                    break;
            }

            if (double.IsNaN(position))
            {
                return 0;
            }

            if (position >= count)
            {
                return count - 1;
            }

            return position <= 0 ? 0 : (long)Math.Round(position);
        }

        private static long Clamp(long value, long low, long high) => Math.Max(low, Math.Min(high, value));
    }
}
