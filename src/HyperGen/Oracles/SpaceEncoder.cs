using System;
using System.Collections.Generic;
using System.Linq;

namespace HyperGen;

/// <summary>
/// Maps configurations of a search space to points of the unit cube and back, and those points to the inputs of a
/// Gaussian process. Only tuned parameters get coordinates; fixed and untuned ones keep their value.
/// </summary>
/// <remarks>
/// <para>The unit point has one coordinate per numeric parameter, ordered choice and boolean, and one per value of
/// an unordered choice (one-hot). Numbers and ordered choices use <see cref="HyperParameter.ToUnit"/>, so log
/// ranges are spaced by their logarithm and grid values sit at the centres of their buckets. Booleans are 0 or 1.
/// Decoding uses <see cref="HyperParameter.FromUnit"/>, so steps and grids are respected, and the largest one-hot
/// coordinate picks an unordered value (the first on ties).</para>
/// <para>The process inputs copy the unit point, except for conditional parameters. A conditional parameter must be
/// as far from an inactive one whatever its value, or the model would treat an inactive parameter as if it took
/// one particular value. A conditional one-hot block is therefore all zeros when inactive (distance 1 to every
/// value), and a conditional single coordinate <c>u</c> becomes the point (0.5 + 0.5 cos πu, 0.5 sin πu) on a half
/// circle, with the inactive point at the circle's centre (distance 0.5 to every value).</para>
/// </remarks>
internal sealed class SpaceEncoder
{
    private readonly IReadOnlyList<HyperParameter> _space;
    private readonly Func<HyperParameter, bool> _isTuned;
    private readonly Block[] _blocks;

    /// <summary>Creates an encoder for <paramref name="space"/>, in declaration order.</summary>
    /// <param name="space">Every parameter of the space, parents before the parameters conditioned on them.</param>
    /// <param name="isTuned">Whether the oracle chooses a parameter's value; other parameters keep their default.</param>
    public SpaceEncoder(IReadOnlyList<HyperParameter> space, Func<HyperParameter, bool> isTuned)
    {
        _space = space;
        _isTuned = isTuned;
        var blocks = new List<Block>();
        int offset = 0;
        int featureOffset = 0;
        foreach (var parameter in space.Where(isTuned))
        {
            bool oneHot = parameter is ChoiceHyperParameter { Ordered: false };
            int width = oneHot ? ((ChoiceHyperParameter)parameter).Values.Count : 1;
            bool conditional = parameter.Conditions.Count > 0;
            int featureWidth = conditional && !oneHot ? 2 : width;
            blocks.Add(new Block(parameter, offset, width, featureOffset, featureWidth, oneHot, conditional));
            offset += width;
            featureOffset += featureWidth;
        }

        _blocks = blocks.ToArray();
        UnitDimension = offset;
        FeatureDimension = featureOffset;
    }

    /// <summary>The number of tuned parameters.</summary>
    public int ParameterCount => _blocks.Length;

    /// <summary>The number of coordinates of a unit point.</summary>
    public int UnitDimension { get; }

    /// <summary>The number of Gaussian process inputs.</summary>
    public int FeatureDimension { get; }

    /// <summary>
    /// Returns the values a trial ran with under the current space. Every active parameter takes the trial's value,
    /// or its default when it joined the space after the trial, because the code that declared it then returned the
    /// default. Inactive parameters have no value.
    /// </summary>
    public Dictionary<string, object> Complete(IReadOnlyDictionary<string, object> trialValues)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var parameter in _space)
        {
            if (!parameter.IsActive(values))
            {
                continue;
            }

            bool known = trialValues.TryGetValue(parameter.Name, out object? value) && parameter.Contains(value!);
            values[parameter.Name] = known ? value! : parameter.DefaultValue;
        }

        return values;
    }

    /// <summary>
    /// Maps complete values (see <see cref="Complete"/>) to a unit point. An inactive parameter's coordinates are 0.5,
    /// a value the process inputs ignore.
    /// </summary>
    public double[] Encode(IReadOnlyDictionary<string, object> values)
    {
        var point = new double[UnitDimension];
        foreach (var block in _blocks)
        {
            if (!values.TryGetValue(block.Parameter.Name, out object? value))
            {
                Array.Fill(point, 0.5, block.Offset, block.Width);
                continue;
            }

            if (block.OneHot)
            {
                var choices = ((ChoiceHyperParameter)block.Parameter).Values;
                for (int i = 0; i < choices.Count; i++)
                {
                    point[block.Offset + i] = HyperParameterValue.AreEqual(choices[i], value) ? 1 : 0;
                }
            }
            else if (block.Parameter is BooleanHyperParameter)
            {
                point[block.Offset] = value is true ? 1 : 0;
            }
            else
            {
                point[block.Offset] = block.Parameter.ToUnit(value);
            }
        }

        return point;
    }

    /// <summary>
    /// Maps a unit point to the values of every active parameter, in declaration order; fixed and untuned parameters
    /// take their default.
    /// </summary>
    public Dictionary<string, object> Decode(IReadOnlyList<double> point)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        int next = 0;
        foreach (var parameter in _space)
        {
            bool tuned = _isTuned(parameter);
            var block = tuned ? _blocks[next++] : null;
            if (!parameter.IsActive(values))
            {
                continue;
            }

            values[parameter.Name] = block is null ? parameter.DefaultValue : DecodeBlock(block, point);
        }

        return values;
    }

    /// <summary>
    /// Maps a unit point to Gaussian process inputs. The keys of <paramref name="values"/>, decoded or complete values,
    /// mark the active parameters.
    /// </summary>
    public double[] Features(IReadOnlyList<double> point, IReadOnlyDictionary<string, object> values)
    {
        var features = new double[FeatureDimension];
        foreach (var block in _blocks)
        {
            bool active = values.ContainsKey(block.Parameter.Name);
            if (!block.Conditional || (active && block.OneHot))
            {
                for (int i = 0; i < block.Width; i++)
                {
                    features[block.FeatureOffset + i] = point[block.Offset + i];
                }
            }
            else if (!block.OneHot)
            {
                double angle = Math.PI * Math.Clamp(point[block.Offset], 0, 1);
                features[block.FeatureOffset] = active ? 0.5 + (0.5 * Math.Cos(angle)) : 0.5;
                features[block.FeatureOffset + 1] = active ? 0.5 * Math.Sin(angle) : 0;
            }

            // An inactive conditional one-hot block stays all zeros.
        }

        return features;
    }

    /// <summary>
    /// Maps a gradient with respect to the process inputs at <paramref name="point"/> to a gradient with respect to the
    /// unit point (the chain rule through <see cref="Features"/>). Coordinates of inactive parameters get 0.
    /// </summary>
    public double[] UnitGradient(
        IReadOnlyList<double> point, IReadOnlyDictionary<string, object> values, double[] featureGradient)
    {
        var gradient = new double[UnitDimension];
        foreach (var block in _blocks)
        {
            bool active = values.ContainsKey(block.Parameter.Name);
            if (!block.Conditional || (active && block.OneHot))
            {
                for (int i = 0; i < block.Width; i++)
                {
                    gradient[block.Offset + i] = featureGradient[block.FeatureOffset + i];
                }
            }
            else if (active)
            {
                double angle = Math.PI * Math.Clamp(point[block.Offset], 0, 1);
                double byFirst = -Math.Sin(angle) * featureGradient[block.FeatureOffset];
                double bySecond = Math.Cos(angle) * featureGradient[block.FeatureOffset + 1];
                gradient[block.Offset] = 0.5 * Math.PI * (byFirst + bySecond);
            }
        }

        return gradient;
    }

    private static object DecodeBlock(Block block, IReadOnlyList<double> point)
    {
        if (!block.OneHot)
        {
            return block.Parameter.FromUnit(point[block.Offset]);
        }

        int best = 0;
        for (int i = 1; i < block.Width; i++)
        {
            if (point[block.Offset + i] > point[block.Offset + best])
            {
                best = i;
            }
        }

        return ((ChoiceHyperParameter)block.Parameter).Values[best];
    }

    private sealed record Block(
        HyperParameter Parameter,
        int Offset,
        int Width,
        int FeatureOffset,
        int FeatureWidth,
        bool OneHot,
        bool Conditional);
}
