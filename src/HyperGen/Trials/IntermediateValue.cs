namespace HyperGen;

/// <summary>The objective's value reported at one step (an epoch) of a running trial.</summary>
/// <param name="Step">The step, from 0.</param>
/// <param name="Value">The objective's value at that step.</param>
public readonly record struct IntermediateValue(int Step, double Value);
