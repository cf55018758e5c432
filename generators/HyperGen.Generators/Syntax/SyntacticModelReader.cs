using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using HyperGen.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HyperGen.Generators.Syntax
{
    /// <summary>
    /// Reads one file's hypermodels from its syntax alone, so that an edit elsewhere never makes the generator read
    /// this file again. A type that syntax cannot read exactly (a base class other than <c>HyperModel&lt;T&gt;</c>,
    /// an invalid property, a constant argument) is marked for the symbol parser, which gives the same result the
    /// slower way.
    /// </summary>
    internal static class SyntacticModelReader
    {
        private const string DeclareMethodName = "DeclareHyperParameters";
        private const string ValuesName = "Values";

        /// <summary>Parses <paramref name="file"/> again from its text and reads it.</summary>
        public static FileModelsInfo Read(SourceFileInfo file, CancellationToken cancellationToken)
        {
            var tree = CSharpSyntaxTree.ParseText(file.Text, (CSharpParseOptions)file.Options, file.Path, cancellationToken);
            return Read(tree.GetCompilationUnitRoot(cancellationToken), cancellationToken);
        }

        /// <summary>Reads the candidates and the compilation-wide facts of one compilation unit.</summary>
        public static FileModelsInfo Read(CompilationUnitSyntax root, CancellationToken cancellationToken)
        {
            var state = new FileState();
            foreach (var directive in root.Usings)
            {
                if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
                {
                    if (directive.Alias is { } alias)
                    {
                        state.GlobalAliasNames.Add(alias.Name.Identifier.ValueText);
                    }
                    else if (IsNamespaceImport(directive))
                    {
                        state.ImportsNamespaceGlobally = true;
                    }
                }
            }

            var scope = new DeclarationScope(null, root.Usings, null);
            VisitMembers(root.Members, scope, state, cancellationToken);
            var index = new FileIndexInfo(
                state.Candidates.Select(candidate => candidate.Key).ToEquatableArray(),
                state.PartialTypeNames.ToEquatableArray(),
                state.ImportsNamespaceGlobally,
                state.GlobalAliasNames.ToEquatableArray(),
                state.DeclaresHyperGenTypeName);
            return new FileModelsInfo(state.Candidates.ToEquatableArray(), index);
        }

        private static void VisitMembers(
            SyntaxList<MemberDeclarationSyntax> members,
            DeclarationScope scope,
            FileState state,
            CancellationToken cancellationToken)
        {
            foreach (var member in members)
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (member)
                {
                    case BaseNamespaceDeclarationSyntax declaration:
                        VisitMembers(
                            declaration.Members,
                            new DeclarationScope(scope, declaration.Usings, declaration.Name),
                            state,
                            cancellationToken);
                        break;

                    case TypeDeclarationSyntax type:
                        VisitType(type, scope, state, cancellationToken);
                        break;

                    case BaseTypeDeclarationSyntax other:
                        state.DeclaresHyperGenTypeName |= SyntacticNames.IsHyperGenTypeName(other.Identifier.ValueText);
                        break;

                    case DelegateDeclarationSyntax @delegate:
                        state.DeclaresHyperGenTypeName |=
                            SyntacticNames.IsHyperGenTypeName(@delegate.Identifier.ValueText);
                        break;
                }
            }
        }

        private static void VisitType(
            TypeDeclarationSyntax type, DeclarationScope scope, FileState state, CancellationToken cancellationToken)
        {
            state.DeclaresHyperGenTypeName |= SyntacticNames.IsHyperGenTypeName(type.Identifier.ValueText);
            var typeScope = new DeclarationScope(scope, type);
            bool isPartial = type.Modifiers.Any(SyntaxKind.PartialKeyword);
            if (isPartial)
            {
                state.PartialTypeNames.Add(typeScope.MetadataName);
                if (type is not InterfaceDeclarationSyntax && HasAttributedProperty(type))
                {
                    state.Candidates.Add(ReadCandidate(type, typeScope, cancellationToken));
                }
            }

            VisitMembers(type.Members, typeScope, state, cancellationToken);
        }

        private static bool HasAttributedProperty(TypeDeclarationSyntax type)
        {
            foreach (var member in type.Members)
            {
                if (member is PropertyDeclarationSyntax { AttributeLists.Count: > 0 })
                {
                    return true;
                }
            }

            return false;
        }

        private static ModelCandidate ReadCandidate(
            TypeDeclarationSyntax type, DeclarationScope scope, CancellationToken cancellationToken)
        {
            var otherNames = new SortedSet<string>(StringComparer.Ordinal);
            bool hasHyperGenAttribute = false;
            bool needsSymbols = false;
            foreach (var member in type.Members)
            {
                if (member is not PropertyDeclarationSyntax property)
                {
                    continue;
                }

                foreach (var list in property.AttributeLists)
                {
                    foreach (var attribute in list.Attributes)
                    {
                        var name = SyntacticNames.ReadAttribute(attribute.Name);
                        if (name.Form == SyntacticNames.TypeNameForm.None)
                        {
                            otherNames.Add(name.SimpleName);
                            needsSymbols |= scope.HasAlias(name.SimpleName);
                        }
                        else
                        {
                            hasHyperGenAttribute = true;
                        }
                    }
                }
            }

            var others = otherNames.ToEquatableArray();
            if (needsSymbols)
            {
                return NeedsSymbols(scope, others);
            }

            if (!hasHyperGenAttribute)
            {
                return new ModelCandidate(
                    new CandidateKey(scope.MetadataName, CandidateStatus.NoHyperGenAttribute, false, others), null);
            }

            bool usesUnqualifiedName = false;
            var model = TryReadModel(type, scope, ref usesUnqualifiedName, cancellationToken);
            if (model is null)
            {
                return NeedsSymbols(scope, others);
            }

            var key = new CandidateKey(
                scope.MetadataName, CandidateStatus.Read, usesUnqualifiedName && !scope.ImportsNamespace(), others);
            return new ModelCandidate(key, model);
        }

        private static ModelCandidate NeedsSymbols(DeclarationScope scope, EquatableArray<string> otherNames) =>
            new(new CandidateKey(scope.MetadataName, CandidateStatus.NeedsSymbols, false, otherNames), null);

        /// <summary>
        /// Reads the model of a class that derives from <c>HyperModel&lt;T&gt;</c> directly, or returns null when
        /// syntax cannot give exactly what the symbol parser would.
        /// </summary>
        private static HyperModelInfo? TryReadModel(
            TypeDeclarationSyntax type,
            DeclarationScope scope,
            ref bool usesUnqualifiedName,
            CancellationToken cancellationToken)
        {
            if (type is not ClassDeclarationSyntax || type.Modifiers.Any(SyntaxKind.StaticKeyword)
                || !scope.AreContainingTypesPartial() || !scope.HasPlainNames()
                || !DerivesFromHyperModel(type, ref usesUnqualifiedName))
            {
                return null;
            }

            var memberNames = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var member in type.Members)
            {
                foreach (string name in GetMemberNames(member))
                {
                    memberNames[name] = memberNames.TryGetValue(name, out int count) ? count + 1 : 1;
                }
            }

            var parameters = new ParameterScope();
            foreach (var member in type.Members)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member is not PropertyDeclarationSyntax { AttributeLists.Count: > 0 } property)
                {
                    continue;
                }

                var read = TryReadProperty(property, parameters, ref usesUnqualifiedName, out bool isHyperParameter);
                if (!isHyperParameter)
                {
                    continue;
                }

                if (read is null || !memberNames.TryGetValue(property.Identifier.ValueText, out int count) || count > 1)
                {
                    return null;
                }

                parameters.Add(property.Identifier.ValueText, read);
            }

            return new HyperModelInfo(
                scope.MetadataName + ".g.cs",
                scope.Namespace,
                scope.TypeDeclarations,
                parameters.Properties.ToEquatableArray(),
                EquatableArray<InvalidPropertyInfo>.Empty,
                !memberNames.ContainsKey(DeclareMethodName),
                memberNames.ContainsKey(ValuesName)
                    ? null
                    : new ValuesRecordInfo(
                        HidesInheritedMember: false, HyperModelParser.CreateValuesParameters(parameters.Properties)));
        }

        /// <summary>Whether the class's base is written <c>HyperModel&lt;T&gt;</c>, qualified or not.</summary>
        private static bool DerivesFromHyperModel(TypeDeclarationSyntax type, ref bool usesUnqualifiedName)
        {
            if (type.BaseList is not { Types.Count: > 0 } baseList
                || baseList.Types[0].Type is not NameSyntax baseName
                || GetRightmostName(baseName) is not GenericNameSyntax { TypeArgumentList.Arguments.Count: 1 })
            {
                return false;
            }

            switch (SyntacticNames.ReadTypeName(baseName, "HyperModel"))
            {
                case SyntacticNames.TypeNameForm.Unqualified:
                    usesUnqualifiedName = true;
                    return true;
                case SyntacticNames.TypeNameForm.Qualified:
                    return true;
                default:
                    return false;
            }
        }

        private static SimpleNameSyntax? GetRightmostName(NameSyntax name) => name switch
        {
            SimpleNameSyntax simple => simple,
            QualifiedNameSyntax qualified => qualified.Right,
            AliasQualifiedNameSyntax aliased => aliased.Name,
            _ => null,
        };

        /// <summary>
        /// Reads one property. <paramref name="isHyperParameter"/> is false when none of its attributes is a HyperGen
        /// attribute; otherwise the result is its model, or null when syntax cannot read it or it is invalid.
        /// </summary>
        private static HyperPropertyInfo? TryReadProperty(
            PropertyDeclarationSyntax property,
            ParameterScope parameters,
            ref bool usesUnqualifiedName,
            out bool isHyperParameter)
        {
            isHyperParameter = false;
            AttributeSyntax? search = null;
            HyperParameterKind kind = default;
            AttributeSyntax? activeWhen = null;
            int searchCount = 0;
            int conditionCount = 0;
            bool readable = true;
            foreach (var list in property.AttributeLists)
            {
                foreach (var attribute in list.Attributes)
                {
                    var name = SyntacticNames.ReadAttribute(attribute.Name);
                    if (name.Form == SyntacticNames.TypeNameForm.None)
                    {
                        continue;
                    }

                    isHyperParameter = true;
                    readable &= list.Target is null && name.Form != SyntacticNames.TypeNameForm.OtherQualifier;
                    usesUnqualifiedName |= name.Form == SyntacticNames.TypeNameForm.Unqualified;
                    if (name.IsActiveWhen)
                    {
                        activeWhen = attribute;
                        conditionCount++;
                    }
                    else
                    {
                        search = attribute;
                        kind = name.Kind!.Value;
                        searchCount++;
                    }
                }
            }

            if (!isHyperParameter || !readable || searchCount != 1 || conditionCount > 1 || search is null
                || property.ContainsDiagnostics || GetValueKind(property) is not ValueKind type
                || !HasGetOnlyShape(property))
            {
                return null;
            }

            var searchArguments = SyntacticArguments.TryRead(search, kind, ref usesUnqualifiedName);
            AttributeArgumentList? conditionArguments = null;
            if (activeWhen is not null)
            {
                conditionArguments = SyntacticArguments.TryRead(activeWhen, null, ref usesUnqualifiedName);
                if (conditionArguments is null)
                {
                    return null;
                }
            }

            if (searchArguments is null)
            {
                return null;
            }

            string modifiers = string.Join(" ", property.Modifiers.Select(modifier => modifier.Text));
            return HyperParameterParser.ParseAttributes(
                property.Identifier.ValueText,
                modifiers,
                type,
                kind,
                searchArguments,
                conditionArguments,
                parameters,
                out _);
        }

        /// <summary>
        /// Whether the property is a partial, get-only instance property: <c>partial T Name { get; }</c> with no body,
        /// initializer or explicit interface.
        /// </summary>
        private static bool HasGetOnlyShape(PropertyDeclarationSyntax property) =>
            property.Modifiers.Any(SyntaxKind.PartialKeyword)
            && !property.Modifiers.Any(SyntaxKind.StaticKeyword)
            && property.ExplicitInterfaceSpecifier is null
            && property.ExpressionBody is null
            && property.Initializer is null
            && property.AccessorList is { Accessors: { Count: 1 } accessors }
            && accessors[0] is { Body: null, ExpressionBody: null, Modifiers.Count: 0 } accessor
            && accessor.IsKind(SyntaxKind.GetAccessorDeclaration);

        /// <summary>The value type of a property written with a keyword type, or null for any other type.</summary>
        private static ValueKind? GetValueKind(PropertyDeclarationSyntax property) =>
            property.Type is PredefinedTypeSyntax predefined
                ? predefined.Keyword.Kind() switch
                {
                    SyntaxKind.IntKeyword => ValueKind.Int,
                    SyntaxKind.DoubleKeyword => ValueKind.Double,
                    SyntaxKind.BoolKeyword => ValueKind.Boolean,
                    SyntaxKind.StringKeyword => ValueKind.String,
                    _ => null,
                }
                : null;

        /// <summary>
        /// The names a member declares in its type, as <c>GetMembers(name)</c> would find them. An explicit interface
        /// implementation is named after its interface there, so it declares none of the names looked up here.
        /// </summary>
        private static IEnumerable<string> GetMemberNames(MemberDeclarationSyntax member)
        {
            switch (member)
            {
                case MethodDeclarationSyntax { ExplicitInterfaceSpecifier: null } method:
                    yield return method.Identifier.ValueText;
                    break;
                case PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: null } property:
                    yield return property.Identifier.ValueText;
                    break;
                case EventDeclarationSyntax { ExplicitInterfaceSpecifier: null } @event:
                    yield return @event.Identifier.ValueText;
                    break;
                case BaseFieldDeclarationSyntax field:
                    foreach (var variable in field.Declaration.Variables)
                    {
                        yield return variable.Identifier.ValueText;
                    }

                    break;
                case BaseTypeDeclarationSyntax nested:
                    yield return nested.Identifier.ValueText;
                    break;
                case DelegateDeclarationSyntax @delegate:
                    yield return @delegate.Identifier.ValueText;
                    break;
            }
        }

        private static bool IsNamespaceImport(UsingDirectiveSyntax directive) =>
            directive.Alias is null
            && directive.StaticKeyword.IsKind(SyntaxKind.None)
            && directive.NamespaceOrType is NameSyntax name
            && SyntacticNames.ReadTypeName(name, SyntacticNames.Namespace) is SyntacticNames.TypeNameForm.Unqualified
                or SyntacticNames.TypeNameForm.Qualified;

        /// <summary>What one file contributes, gathered while walking it.</summary>
        private sealed class FileState
        {
            public List<ModelCandidate> Candidates { get; } = [];

            public List<string> PartialTypeNames { get; } = [];

            public List<string> GlobalAliasNames { get; } = [];

            public bool ImportsNamespaceGlobally { get; set; }

            public bool DeclaresHyperGenTypeName { get; set; }
        }

        /// <summary>
        /// A namespace or type declaration with the ones around it: its using directives, namespace and containing
        /// types, from which the metadata name and the declarations to repeat follow.
        /// </summary>
        private sealed class DeclarationScope
        {
            private readonly DeclarationScope? _parent;
            private readonly SyntaxList<UsingDirectiveSyntax> _usings;
            private readonly NameSyntax? _namespaceName;
            private readonly TypeDeclarationSyntax? _type;
            private string? _metadataName;

            public DeclarationScope(
                DeclarationScope? parent, SyntaxList<UsingDirectiveSyntax> usings, NameSyntax? namespaceName)
            {
                _parent = parent;
                _usings = usings;
                _namespaceName = namespaceName;
            }

            public DeclarationScope(DeclarationScope parent, TypeDeclarationSyntax type)
            {
                _parent = parent;
                _type = type;
            }

            /// <summary>The metadata name, such as <c>Samples.Outer+Model`1</c>.</summary>
            public string MetadataName => _metadataName ??= BuildMetadataName();

            /// <summary>The namespace as the generated file writes it, or an empty string.</summary>
            public string Namespace => string.Join(".", GetNamespaceParts().Select(Identifiers.Escape));

            /// <summary>The containing types, outermost first, ending with this type.</summary>
            public EquatableArray<TypeDeclarationInfo> TypeDeclarations =>
                GetTypes().Select(type => new TypeDeclarationInfo(GetKeyword(type), GetNameWithTypeParameters(type)))
                    .ToEquatableArray();

            /// <summary>Whether an alias directive around this declaration has this name.</summary>
            public bool HasAlias(string name)
            {
                for (var current = this; current is not null; current = current._parent)
                {
                    foreach (var directive in current._usings)
                    {
                        if (directive.Alias?.Name.Identifier.ValueText == name)
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            /// <summary>
            /// Whether a using directive of this file around the declaration, or an enclosing namespace, brings the
            /// HyperGen namespace's types into scope.
            /// </summary>
            public bool ImportsNamespace()
            {
                var parts = GetNamespaceParts();
                if (parts.Count > 0 && parts[0] == SyntacticNames.Namespace)
                {
                    return true;
                }

                for (var current = this; current is not null; current = current._parent)
                {
                    foreach (var directive in current._usings)
                    {
                        if (IsNamespaceImport(directive))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            /// <summary>Whether every type containing this one is declared partial.</summary>
            public bool AreContainingTypesPartial() =>
                GetTypes().All(type => type.Modifiers.Any(SyntaxKind.PartialKeyword));

            /// <summary>
            /// Whether no namespace or type name is a keyword written with <c>@</c>, whose display the symbol
            /// parser formats its own way.
            /// </summary>
            public bool HasPlainNames() =>
                GetNamespaceParts().All(part => Identifiers.Escape(part) == part)
                && GetTypes().All(type => Identifiers.Escape(type.Identifier.ValueText) == type.Identifier.ValueText);

            private List<string> GetNamespaceParts()
            {
                var parts = new List<string>();
                for (var current = this; current is not null; current = current._parent)
                {
                    if (current._namespaceName is { } name)
                    {
                        parts.InsertRange(0, SplitName(name));
                    }
                }

                return parts;
            }

            private List<TypeDeclarationSyntax> GetTypes()
            {
                var types = new List<TypeDeclarationSyntax>();
                for (var current = this; current is not null; current = current._parent)
                {
                    if (current._type is { } type)
                    {
                        types.Insert(0, type);
                    }
                }

                return types;
            }

            private string BuildMetadataName()
            {
                var builder = new StringBuilder(string.Join(".", GetNamespaceParts()));
                var types = GetTypes();
                for (int i = 0; i < types.Count; i++)
                {
                    if (i > 0)
                {
                    builder.Append('+');
                }
                else if (builder.Length > 0)
                {
                    builder.Append('.');
                }
                    builder.Append(types[i].Identifier.ValueText);
                    if (types[i].TypeParameterList is { Parameters.Count: > 0 } parameters)
                    {
                        builder.Append('`').Append(parameters.Parameters.Count);
                    }
                }

                return builder.ToString();
            }

            private static IEnumerable<string> SplitName(NameSyntax name) => name switch
            {
                QualifiedNameSyntax qualified => SplitName(qualified.Left).Concat(SplitName(qualified.Right)),
                SimpleNameSyntax simple => [simple.Identifier.ValueText],
                _ => [name.ToString()],
            };

            private static string GetKeyword(TypeDeclarationSyntax type) => type switch
            {
                RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) =>
                    "record struct",
                RecordDeclarationSyntax => "record",
                StructDeclarationSyntax => "struct",
                InterfaceDeclarationSyntax => "interface",
                _ => "class",
            };

            private static string GetNameWithTypeParameters(TypeDeclarationSyntax type)
            {
                string name = Identifiers.Escape(type.Identifier.ValueText);
                if (type.TypeParameterList is not { Parameters.Count: > 0 } list)
                {
                    return name;
                }

                var parameters = list.Parameters.Select(parameter => Identifiers.Escape(parameter.Identifier.ValueText));
                return name + "<" + string.Join(", ", parameters) + ">";
            }
        }
    }
}
