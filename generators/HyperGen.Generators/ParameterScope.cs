using System;
using System.Collections.Generic;
using HyperGen.Generators.Models;

namespace HyperGen.Generators
{
    /// <summary>
    /// The hyperparameters parsed so far for one hypermodel, base classes first: the candidates for an
    /// <c>[ActiveWhen]</c> parent, the names already taken, and the invalid properties that get a throwing accessor.
    /// Used only inside one parse, never in the pipeline.
    /// </summary>
    internal sealed class ParameterScope
    {
        private readonly Dictionary<string, HyperPropertyInfo> _byPropertyName = new(StringComparer.Ordinal);
        private readonly HashSet<string> _hyperParameterNames = new(StringComparer.Ordinal);
        private readonly List<HyperPropertyInfo> _properties = [];
        private readonly List<InvalidPropertyInfo> _invalidProperties = [];

        /// <summary>The parsed properties in declaration order, base classes first.</summary>
        public IReadOnlyList<HyperPropertyInfo> Properties => _properties;

        /// <summary>The invalid partial properties in declaration order, base classes first.</summary>
        public IReadOnlyList<InvalidPropertyInfo> InvalidProperties => _invalidProperties;

        /// <summary>Whether a parsed property already uses the hyperparameter name.</summary>
        public bool ContainsHyperParameter(string name) => _hyperParameterNames.Contains(name);

        /// <summary>
        /// Finds the latest parsed property with this name (as <c>nameof</c> returns it, without <c>@</c>); a
        /// property of a derived class hides one of its base.
        /// </summary>
        public bool TryGetProperty(string propertyName, out HyperPropertyInfo property) =>
            _byPropertyName.TryGetValue(propertyName, out property!);

        /// <summary>Adds a valid property.</summary>
        public void Add(string propertyName, HyperPropertyInfo property)
        {
            _byPropertyName[propertyName] = property;
            _hyperParameterNames.Add(property.Definition.Name);
            _properties.Add(property);
        }

        /// <summary>Adds an invalid property, which declares no hyperparameter and cannot be a parent.</summary>
        public void AddInvalid(InvalidPropertyInfo property) => _invalidProperties.Add(property);
    }
}
