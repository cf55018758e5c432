using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace HyperGen.Generators
{
    /// <summary>The shape of an <see cref="ArgumentValue"/>, as <see cref="TypedConstantKind"/> describes a constant.</summary>
    internal enum ArgumentKind
    {
        /// <summary>A primitive constant: a number, a string, a bool, or null.</summary>
        Primitive,

        /// <summary>An enum member, held as its underlying integer.</summary>
        Enum,

        /// <summary>An array, which may itself be null.</summary>
        Array,

        /// <summary>A <c>typeof</c> operand or a value that did not bind; no definition accepts it.</summary>
        Other,
    }

    /// <summary>
    /// An attribute argument already converted to its parameter's type, as the compiler stores it: a <c>long</c>
    /// parameter gets a long even when the source wrote <c>5</c>, and an <c>object</c> parameter keeps the literal's
    /// own type. Read either from a bound <see cref="TypedConstant"/> or from the syntax of a literal.
    /// </summary>
    /// <remarks>Used only inside one parse, never in the pipeline.</remarks>
    internal sealed class ArgumentValue
    {
        private static readonly ArgumentValue OtherValue = new(ArgumentKind.Other, null, null);

        private ArgumentValue(ArgumentKind kind, object? value, IReadOnlyList<ArgumentValue>? values)
        {
            Kind = kind;
            Value = value;
            Values = values ?? System.Array.Empty<ArgumentValue>();
            IsNull = kind switch
            {
                ArgumentKind.Array => values is null,
                ArgumentKind.Primitive => value is null,
                _ => false,
            };
        }

        /// <summary>The value's shape.</summary>
        public ArgumentKind Kind { get; }

        /// <summary>The primitive value, or the enum member's underlying integer; null for arrays.</summary>
        public object? Value { get; }

        /// <summary>The elements of an array, empty for anything else.</summary>
        public IReadOnlyList<ArgumentValue> Values { get; }

        /// <summary>Whether the value is a null literal or a null array.</summary>
        public bool IsNull { get; }

        /// <summary>A value that no definition accepts.</summary>
        public static ArgumentValue Other => OtherValue;

        /// <summary>Creates a primitive value, or null when <paramref name="value"/> is null.</summary>
        public static ArgumentValue Primitive(object? value) => new(ArgumentKind.Primitive, value, null);

        /// <summary>Creates an enum member from its underlying integer.</summary>
        public static ArgumentValue Enum(int value) => new(ArgumentKind.Enum, value, null);

        /// <summary>Creates an array of <paramref name="values"/>, or a null array.</summary>
        public static ArgumentValue Array(IReadOnlyList<ArgumentValue>? values) =>
            new(ArgumentKind.Array, null, values);

        /// <summary>Copies a bound constant.</summary>
        public static ArgumentValue From(TypedConstant constant) => constant.Kind switch
        {
            TypedConstantKind.Primitive => Primitive(constant.Value),
            TypedConstantKind.Enum when constant.Value is int value => Enum(value),
            TypedConstantKind.Array => Array(constant.IsNull ? null : constant.Values.Select(From).ToArray()),
            _ => Other,
        };
    }

    /// <summary>
    /// The arguments of one attribute usage: the constructor's, in parameter order with a <c>params</c> array as one
    /// array value, and the named ones in source order.
    /// </summary>
    /// <remarks>Used only inside one parse, never in the pipeline.</remarks>
    internal sealed class AttributeArgumentList
    {
        /// <summary>Creates the list.</summary>
        public AttributeArgumentList(
            IReadOnlyList<ArgumentValue> constructorArguments,
            IReadOnlyList<KeyValuePair<string, ArgumentValue>> namedArguments)
        {
            ConstructorArguments = constructorArguments;
            NamedArguments = namedArguments;
        }

        /// <summary>The constructor arguments in parameter order.</summary>
        public IReadOnlyList<ArgumentValue> ConstructorArguments { get; }

        /// <summary>The named arguments in source order.</summary>
        public IReadOnlyList<KeyValuePair<string, ArgumentValue>> NamedArguments { get; }

        /// <summary>Copies the arguments of a bound attribute.</summary>
        public static AttributeArgumentList From(AttributeData attribute) =>
            new(
                attribute.ConstructorArguments.Select(ArgumentValue.From).ToArray(),
                attribute.NamedArguments
                    .Select(pair => new KeyValuePair<string, ArgumentValue>(pair.Key, ArgumentValue.From(pair.Value)))
                    .ToArray());

        /// <summary>Finds a named argument, which exists only when the attribute usage sets it.</summary>
        public bool TryGetNamed(string name, out ArgumentValue value)
        {
            foreach (var argument in NamedArguments)
            {
                if (argument.Key == name)
                {
                    value = argument.Value;
                    return true;
                }
            }

            value = ArgumentValue.Other;
            return false;
        }
    }
}
