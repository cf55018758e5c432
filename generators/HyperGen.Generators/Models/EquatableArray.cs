using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace HyperGen.Generators.Models
{
    /// <summary>
    /// An immutable array that compares by its elements, so that pipeline models containing lists stay structurally
    /// equatable and the incremental generator can tell an unchanged model from a changed one.
    /// </summary>
    /// <typeparam name="T">The element type, itself structurally equatable.</typeparam>
    internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
        where T : IEquatable<T>
    {
        private readonly T[]? _items;

        /// <summary>Creates an array holding a copy of <paramref name="items"/>.</summary>
        public EquatableArray(IEnumerable<T> items)
        {
            _items = items.ToArray();
        }

        /// <summary>An array without elements.</summary>
        public static EquatableArray<T> Empty => new(Array.Empty<T>());

        /// <inheritdoc />
        public int Count => _items?.Length ?? 0;

        /// <inheritdoc />
        public T this[int index] => (_items ?? Array.Empty<T>())[index];

        /// <summary>Whether both arrays hold equal elements in the same order.</summary>
        public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

        /// <summary>Whether the arrays differ in length or in any element.</summary>
        public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

        /// <inheritdoc />
        public bool Equals(EquatableArray<T> other) =>
            (_items ?? Array.Empty<T>()).SequenceEqual(other._items ?? Array.Empty<T>());

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode()
        {
            int hash = 17;
            foreach (var item in _items ?? Array.Empty<T>())
            {
                hash = unchecked((hash * 31) + (item?.GetHashCode() ?? 0));
            }

            return hash;
        }

        /// <inheritdoc />
        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

        /// <inheritdoc />
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Creates <see cref="EquatableArray{T}"/> values.</summary>
    internal static class EquatableArray
    {
        /// <summary>Copies <paramref name="items"/> into an equatable array.</summary>
        public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items)
            where T : IEquatable<T> => new(items);
    }
}
