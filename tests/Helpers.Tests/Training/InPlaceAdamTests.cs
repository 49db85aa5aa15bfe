using NotebookCourse.Helpers.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Training;

public class InPlaceAdamTests
{
    static Parameter[] Parameters() =>
    [
        new(arange(12, dtype: float32).reshape(3, 4) / 7),
        new(tensor(new[] { 0.5f, -1.25f, 2f })),
        new(ones(2, 2)), // never gets a gradient
    ];

    // Gradients that change every step; from step 21 a row gets none (as an embedding row that is no longer read).
    static void SetGradients(Parameter[] parameters, int step)
    {
        var grad = (arange(12, dtype: float32).reshape(3, 4) - 5 + step) * 0.3 * (step % 2 == 0 ? 1 : -1);
        if (step > 20)
            grad[1] = zeros(4);
        parameters[0].grad = grad;
        parameters[1].grad = tensor(new[] { step * 0.1f, -0.2f, 1e-6f });
    }

    static bool Same(Tensor a, Tensor b) => a.eq(b).all().item<bool>();

    static double MaxDifference(Tensor a, Tensor b) => (a - b).abs().max().to(float64).item<double>();

    // optim.Adam against InPlaceAdam over 25 steps with gradients that change every step, one row left without
    // gradient from step 21 and one parameter that never gets one.
    static (Parameter[] Reference, Parameter[] Ours, Tensor RowAtStep20) BothAdams(ScalarType type)
    {
        var reference = Parameters().Select(p => new Parameter(p.to(type))).ToArray();
        var ours = Parameters().Select(p => new Parameter(p.to(type))).ToArray();
        using var adam = optim.Adam(reference, 0.01, beta1: 0.8, beta2: 0.99, eps: 1e-6);
        using var inPlace = new InPlaceAdam(ours, 0.01, beta1: 0.8, beta2: 0.99, eps: 1e-6);
        Tensor? rowAtStep20 = null;
        for (int step = 1; step <= 25; step++)
        {
            if (step == 21)
                rowAtStep20 = ours[0][1].clone();
            SetGradients(reference, step);
            SetGradients(ours, step);
            foreach (var p in reference.Concat(ours).Where(p => p.grad is not null))
                p.grad = p.grad!.to(type);
            adam.step();
            inPlace.step();
        }
        // The comparison means something: the parameters moved, the row without gradient moved on (Adam's momentum),
        // and the parameter without a gradient stayed.
        Assert.True(MaxDifference(ours[0], Parameters()[0].to(type)) > 0.01);
        Assert.False(Same(ours[0][1], rowAtStep20!));
        Assert.True(Same(ours[2], ones(2, 2, dtype: type)));
        return (reference, ours, rowAtStep20!);
    }

    [Fact]
    public void Stays_within_float_rounding_of_torchsharps_adam_for_float32_parameters()
    {
        // One pass per step in float32 (FusedAdamUpdate): every operation rounds as TorchSharp's, but the square
        // root is correctly rounded, where libtorch's differs in the last bit for some values. Over 25 steps that
        // leaves the parameters within a few float32 roundings of optim.Adam's (the first moves by about 0.018).
        var (reference, ours, _) = BothAdams(float32);
        for (int i = 0; i < reference.Length; i++)
            Assert.True(MaxDifference(reference[i], ours[i]) <= 1e-6, $"parameter {i} differs by {MaxDifference(reference[i], ours[i])}");
    }

    [Fact]
    public void Gives_torchsharps_adam_bit_for_bit_where_it_runs_torchsharps_operators()
    {
        // float64 parameters are not fused: InPlaceAdam runs TorchSharp's arithmetic with its own denominator buffer.
        var (reference, ours, _) = BothAdams(float64);
        for (int i = 0; i < reference.Length; i++)
            Assert.True(Same(reference[i], ours[i]), $"parameter {i} differs: max {MaxDifference(reference[i], ours[i])}");
    }

    // Squared error of each parameter against a target that moves with the step; from step 11 the second parameter is
    // no longer used, so a backward gives it no gradient.
    static Tensor Loss(Parameter[] parameters, int step)
    {
        var loss = (parameters[0] - step * 0.05).pow(2).sum();
        return step <= 10 ? loss + (parameters[1] * step - 1).pow(2).sum() : loss;
    }

    [Fact]
    public void Zero_grad_drops_the_gradients_and_steps_as_zeroing_them_in_place_does()
    {
        var reference = Parameters();
        var ours = Parameters();
        using var zeroed = new InPlaceAdam(reference, 0.01);
        using var dropped = new InPlaceAdam(ours, 0.01);
        Tensor? unusedAtStep10 = null;
        for (int step = 1; step <= 20; step++)
        {
            // The reference's gradients are zeroed in place, as optim.Adam's zero_grad does.
            foreach (var p in reference)
                p.grad?.zero_();
            dropped.zero_grad();
            Assert.All(ours, p => Assert.Null(p.grad));
            if (step > 1)
                Assert.NotNull(reference[0].grad);
            if (step == 11)
                unusedAtStep10 = ours[1].clone();
            Loss(reference, step).backward();
            Loss(ours, step).backward();
            zeroed.step();
            dropped.step();
        }
        for (int i = 0; i < reference.Length; i++)
            Assert.True(Same(reference[i], ours[i]), $"parameter {i} differs: max {MaxDifference(reference[i], ours[i])}");
        // The parameter left without a gradient kept moving on its moments, as it does with a zeroed gradient;
        // the one that never had a gradient stayed.
        Assert.Null(ours[1].grad);
        Assert.False(Same(ours[1], unusedAtStep10!));
        Assert.True(Same(ours[2], ones(2, 2)));
    }

    [Fact]
    public void A_sparse_gradient_or_an_unsupported_option_is_refused_with_a_message()
    {
        var embedding = nn.Embedding(5, 2, sparse: true);
        using var adam = new InPlaceAdam(embedding.parameters(), 0.1);
        embedding.forward(tensor(new long[] { 1, 3 })).sum().backward();
        var sparse = Assert.Throws<InvalidOperationException>(() => adam.step());
        Assert.Contains("dense gradients", sparse.Message);
        Assert.Contains("[5, 2]", sparse.Message);

        var parameter = new Parameter(ones(2));
        using var withDecay = new InPlaceAdam([parameter], 0.1);
        ((Adam.ParamGroup)withDecay.ParamGroups.First()).Options.weight_decay = 0.01;
        parameter.grad = ones(2);
        Assert.Contains("weight_decay", Assert.Throws<InvalidOperationException>(() => withDecay.step()).Message);

        Assert.Contains("at least one parameter", Assert.Throws<ArgumentException>(() => new InPlaceAdam([], 0.1)).Message);
    }
}
