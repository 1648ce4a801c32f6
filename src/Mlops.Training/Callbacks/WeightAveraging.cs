using TorchSharp;
using static TorchSharp.torch;

namespace Mlops.Training.Callbacks;

/// <summary>
/// Keeps a running sum of the model's floating-point weights at each evaluation from <paramref name="fromEpoch"/>
/// (1-based) on, so the run can try the average of those checkpoints, which is often better than any one of
/// them (Lightning's StochasticWeightAveraging, with the rate left to the schedule). The sum lives in memory
/// only: a resumed run starts a new average.
/// </summary>
public sealed class WeightAveraging(nn.Module model, int fromEpoch) : Callback, IDisposable
{
    private readonly Dictionary<string, Tensor> _sums = [];

    /// <summary>How many checkpoints the average holds.</summary>
    public int Count { get; private set; }

    public override void OnValidationEnd(Trainer trainer, ValidationResult result)
    {
        if (result.Epoch + 1 < fromEpoch) return;
        using var _ = no_grad();
        foreach (var (name, weight) in model.state_dict())
        {
            if (!weight.is_floating_point()) continue;
            if (_sums.TryGetValue(name, out var sum)) sum.add_(weight);
            else _sums[name] = weight.detach().clone().DetachFromDisposeScope();
        }
        Count++;
    }

    /// <summary>Overwrites the model's weights with the average of the checkpoints collected so far.</summary>
    public void LoadAverageInto(nn.Module target)
    {
        if (Count == 0) throw new InvalidOperationException("No checkpoint has been averaged yet.");
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        foreach (var (name, weight) in target.state_dict())
            if (_sums.TryGetValue(name, out var sum)) weight.copy_(sum / Count);
    }

    public void Dispose()
    {
        foreach (var sum in _sums.Values) sum.Dispose();
        _sums.Clear();
    }
}
