using System;

namespace HyperGen;

/// <summary>How a Parzen estimator models one coordinate of a point.</summary>
internal enum ParzenDimensionKind
{
    /// <summary>A position in [0, 1], modelled with truncated normal kernels.</summary>
    Continuous,

    /// <summary>
    /// One of <see cref="ParzenDimension.Count"/> equal buckets of [0, 1], stored as the bucket centre; a kernel gives
    /// a bucket the truncated normal mass over its width.
    /// </summary>
    Grid,

    /// <summary>An unordered category, stored as its index from 0 to <see cref="ParzenDimension.Count"/> - 1.</summary>
    Categorical,
}

/// <summary>One coordinate of the points a Parzen estimator models: its kind and, for grids and categories, its size.</summary>
/// <param name="Kind">How the coordinate is modelled.</param>
/// <param name="Count">The number of buckets or categories; ignored for continuous coordinates.</param>
internal readonly record struct ParzenDimension(ParzenDimensionKind Kind, long Count)
{
    /// <summary>Returns the bucket index of a unit value on a grid of <see cref="Count"/> buckets.</summary>
    public long BucketOf(double unit) => Math.Clamp((long)Math.Floor(unit * Count), 0, Count - 1);

    /// <summary>Returns the centre of a grid bucket in [0, 1].</summary>
    public double BucketCentre(long bucket) => (bucket + 0.5) / Count;
}
