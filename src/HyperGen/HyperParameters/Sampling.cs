namespace HyperGen
{
    /// <summary>
    /// How a numeric range is sampled. The draw <c>u</c> is uniform on [0, 1).
    /// </summary>
    public enum Sampling
    {
        /// <summary>Uniform over the range: <c>min + u * (max - min)</c>; with a step, uniform over the grid.</summary>
        Linear = 0,

        /// <summary>
        /// Uniform in log space: <c>min * (max / min)^u</c>. Requires <c>min &gt; 0</c>. With a step the grid is
        /// multiplicative (<c>min, min * step, min * step^2, ...</c>) and the step must be greater than 1.
        /// </summary>
        Log = 1,

        /// <summary>
        /// Dense near the maximum: <c>max + min - min * (max / min)^(1 - u)</c>. Requires <c>min &gt; 0</c>. With a
        /// step the grid mirrors the log grid (<c>max + min - min * step^i</c>) and the step must be greater than 1.
        /// </summary>
        ReverseLog = 2,
    }
}
