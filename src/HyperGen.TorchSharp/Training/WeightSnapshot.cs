using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperGen.TorchSharp;

/// <summary>A copy of a module's parameters and buffers (its state dictionary), for restoring the best epoch.</summary>
internal sealed class WeightSnapshot : IDisposable
{
    private readonly Dictionary<string, Tensor> _copies = new(StringComparer.Ordinal);

    /// <summary>Copies the module's current state into the snapshot, allocating the copies on first use.</summary>
    public void Capture(nn.Module<Tensor, Tensor> model)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (name, value) in model.state_dict())
        {
            if (_copies.TryGetValue(name, out var copy))
            {
                copy.copy_(value);
            }
            else
            {
                _copies[name] = value.detach().clone().DetachFromDisposeScope();
            }
        }
    }

    /// <summary>Copies the captured state back into the module; does nothing when nothing was captured.</summary>
    public void Restore(nn.Module<Tensor, Tensor> model)
    {
        if (_copies.Count == 0)
        {
            return;
        }

        using var noGrad = no_grad();
        foreach (var (name, value) in model.state_dict())
        {
            value.copy_(_copies[name]);
        }
    }

    public void Dispose()
    {
        foreach (var copy in _copies.Values)
        {
            copy.Dispose();
        }

        _copies.Clear();
    }
}
