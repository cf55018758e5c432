using System;
using System.Collections.Generic;

namespace HyperGen;

/// <summary>
/// The unit values (<see cref="HyperParameter.ToUnit"/>) of ended trials, kept across proposals so that each trial's
/// values are mapped once rather than once per proposal. An ended trial's values no longer change, but a study that
/// starts over reuses trial numbers, so the oracle clears the cache when its trials are reset.
/// </summary>
internal sealed class TpeUnitCache
{
    private readonly Dictionary<string, ParameterUnits> _units = new(StringComparer.Ordinal);

    /// <summary>
    /// Returns the cached unit values of one parameter, computed afresh when the parameter's definition has changed
    /// since they were cached.
    /// </summary>
    public ParameterUnits For(HyperParameter parameter)
    {
        if (!_units.TryGetValue(parameter.Name, out var units)
            || !(ReferenceEquals(units.Parameter, parameter) || units.Parameter.Equals(parameter)))
        {
            units = new ParameterUnits(parameter);
            _units[parameter.Name] = units;
        }

        return units;
    }

    /// <summary>Forgets every cached value.</summary>
    public void Clear() => _units.Clear();

    /// <summary>The unit values of one parameter, indexed by trial number.</summary>
    internal sealed class ParameterUnits(HyperParameter parameter)
    {
        /// <summary>The definition the values were mapped with.</summary>
        public HyperParameter Parameter { get; } = parameter;

        private const double NotComputed = double.NaN;
        private const double Inactive = double.NegativeInfinity;

        private readonly List<double> _units = [];

        /// <summary>
        /// Returns the unit value in an observed trial, or null when the parameter was inactive there. Values of
        /// running trials are mapped every time, because they are not final.
        /// </summary>
        public double? UnitOf(TpeObservation observation)
        {
            if (observation.IsPending)
            {
                return Map(observation.Values);
            }

            int number = observation.Trial.Number;
            while (_units.Count <= number)
            {
                _units.Add(NotComputed);
            }

            if (double.IsNaN(_units[number]))
            {
                _units[number] = Map(observation.Values) ?? Inactive;
            }

            double unit = _units[number];
            return unit == Inactive ? null : unit;
        }

        /// <summary>
        /// Returns the value's unit, or null when the trial has no value or one outside the current definition (a
        /// choice removed from a study continued with a changed space), which would otherwise map to a wrong unit.
        /// </summary>
        private double? Map(IReadOnlyDictionary<string, object> values) =>
            values.TryGetValue(Parameter.Name, out object? value) && Parameter.Contains(value) ? Parameter.ToUnit(value) : null;
    }
}
