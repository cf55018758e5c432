using System;

namespace HyperGen;

/// <summary>
/// A small, fixed pseudo-random generator (SplitMix64). Unlike <see cref="Random"/>, its sequence is defined here
/// and never changes between .NET versions, so a search seed reproduces the same trials everywhere.
/// </summary>
public sealed class DeterministicRandom
{
    private ulong _state;

    /// <summary>Creates a generator for one stream of one trial: the same inputs always give the same sequence.</summary>
    public DeterministicRandom(long seed, long trialNumber, long stream = 0)
    {
        _state = Mix((ulong)seed ^ Mix((ulong)trialNumber + 0x632BE59BD9B4E019UL) ^ Mix((ulong)stream + 0x9E3779B97F4A7C15UL));
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="count"/>).</summary>
    public long NextInt64(long count)
    {
        if (count <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "The count must be positive.");
        }

        // Rejection sampling removes the modulo bias.
        ulong range = (ulong)count;
        ulong limit = ulong.MaxValue - ulong.MaxValue % range;
        ulong draw;
        do
        {
            draw = NextUInt64();
        }
        while (draw >= limit);

        return (long)(draw % range);
    }

    /// <summary>A non-negative 31-bit integer, for seeding other generators.</summary>
    public int NextSeed() => (int)(NextUInt64() >> 33);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
