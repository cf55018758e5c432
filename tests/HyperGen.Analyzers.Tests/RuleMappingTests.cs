extern alias analyzers;

using System;
using System.Collections.Generic;
using Xunit;
using AnalyzerTypes = analyzers::HyperGen.Analyzers;
using SharedRule = analyzers::HyperGen.SearchSpaceRule;

namespace HyperGen.Analyzers.Tests;

public class RuleMappingTests
{
    [Fact]
    public void EveryRule_HasOwnDescriptor()
    {
        var rules = Enum.GetValues<SharedRule>();
        var ids = new HashSet<string>();

        foreach (var rule in rules)
        {
            var descriptor = AnalyzerTypes.ViolationDiagnostics.GetDescriptor(rule);
            Assert.True(ids.Add(descriptor.Id), $"Rule {rule} shares diagnostic {descriptor.Id} with another rule.");
        }
    }
}
