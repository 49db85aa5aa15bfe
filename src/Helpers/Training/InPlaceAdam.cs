using NotebookCourse.Helpers.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Training;

/// <summary>
/// TorchSharp's Adam with the same arithmetic in the same order, but its denominator computed in a buffer kept per
/// parameter. TorchSharp's step makes two new tensors of each parameter's size every step (the square root and its
/// quotient); for a large model those are fresh memory every step, and on machines where the first touch of a page
/// is slow that dominated the step (benchmarks/Changes.md). Results are equal to <c>optim.Adam</c>'s bit for bit, with
/// gradients cleared by either optimizer's <c>zero_grad</c>.
/// </summary>
public sealed class InPlaceAdam : Adam
{
    readonly Dictionary<IntPtr, Tensor> denominators = [];
    // False when an argument was refused: the object exists without its base state, and its finalizer must not touch it.
    readonly bool constructed;

    public InPlaceAdam(IEnumerable<Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
        : base(Checked(parameters), learningRate, beta1, beta2, eps)
    {
        NativeBackend.EnsureLoaded();
        constructed = true;
    }

    static IEnumerable<Parameter> Checked(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = parameters.ToList();
        if (list.Count == 0)
            throw new ArgumentException("InPlaceAdam needs at least one parameter to optimize.", nameof(parameters));
        return list;
    }

    /// <summary>
    /// Drops every gradient instead of filling it with zeros, so the next backward writes each one fresh. Zeroing cost
    /// one pass over every parameter, and the backward a second one adding to the zeros (benchmarks/Changes.md). A
    /// parameter that had a gradient before and gets none in a step is stepped with a zero gradient, as after zeroing.
    /// </summary>
    public override void zero_grad()
    {
        foreach (var parameter in parameters())
            parameter.grad = null;
    }

    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        if (options.amsgrad == true || options.maximize == true || options.weight_decay is { } decay && decay != 0)
            throw new InvalidOperationException("InPlaceAdam implements plain Adam only; amsgrad, maximize and weight_decay were set on a parameter group. Use optim.Adam for those.");
        double beta1 = options.beta1!.Value, beta2 = options.beta2!.Value, eps = options.eps!.Value, lr = options.LearningRate!.Value;
        foreach (var parameter in group.Parameters)
        {
            var grad = parameter.grad;
            var state = (State)_state[parameter.Handle];
            if (grad is null && state.step == 0)
                continue;   // never had a gradient: optim.Adam leaves it alone too
            using var dropped = grad is null ? zeros_like(parameter) : null;
            grad ??= dropped!;
            if (grad.is_sparse)
                throw new InvalidOperationException($"InPlaceAdam needs dense gradients; a parameter of shape [{string.Join(", ", parameter.shape)}] has a sparse one (an embedding built with sparse: true). Use SGD for sparse gradients.");
            state.step += 1;
            double biasCorrection1 = 1 - Math.Pow(beta1, state.step);
            double biasCorrection2 = 1 - Math.Pow(beta2, state.step);
            state.exp_avg.mul_(beta1).add_(grad, alpha: 1 - beta1);
            state.exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value: 1 - beta2);
            var denominator = Denominator(parameter).copy_(state.exp_avg_sq).sqrt_().div_(Math.Sqrt(biasCorrection2)).add_(eps);
            parameter.addcdiv_(state.exp_avg, denominator, value: -lr / biasCorrection1);
        }
    }, closure);

    Tensor Denominator(Parameter parameter)
    {
        if (denominators.TryGetValue(parameter.Handle, out var buffer) && buffer.device == parameter.device && buffer.shape.SequenceEqual(parameter.shape))
            return buffer;
        buffer?.Dispose();
        buffer = empty_like(parameter).DetachFromDisposeScope();
        denominators[parameter.Handle] = buffer;
        return buffer;
    }

    protected override void Dispose(bool disposing)
    {
        if (!constructed)
            return;
        foreach (var buffer in denominators.Values)
            buffer.Dispose();
        denominators.Clear();
        base.Dispose(disposing);
    }
}
