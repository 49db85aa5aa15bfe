using NotebookCourse.Helpers.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Training;

/// <summary>
/// TorchSharp's Adam, with its options and state, made for large models. For float32 parameters in CPU memory each
/// step is one pass over every element (<see cref="FusedAdamUpdate"/>) where TorchSharp's operators make nine, with
/// no new tensor for a parameter that has a gradient; each step's results differ from <c>optim.Adam</c>'s only in
/// the last bits, through the square root (libtorch's is not correctly rounded), and where a moment falls below the
/// smallest normal float32, which is stored as zero (slow arithmetic otherwise). Elsewhere (CUDA, other types) it
/// runs TorchSharp's arithmetic, equal bit for bit, with its denominator in a buffer kept per parameter. <see
/// cref="zero_grad"/> drops the gradients instead of zeroing them. Why, and what each change bought:
/// benchmarks/Changes.md.
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
            if (FusedAdamUpdate.Applies(parameter, grad, state.exp_avg, state.exp_avg_sq))
            {
                FusedAdamUpdate.Apply(parameter, grad, state.exp_avg, state.exp_avg_sq, AdamStepScalars.For(beta1, beta2, eps, lr, state.step), get_num_threads());
                continue;
            }
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
