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

    [Fact]
    public void Gives_the_same_parameters_as_torchsharps_adam_bit_for_bit()
    {
        var reference = Parameters();
        var ours = Parameters();
        using var adam = optim.Adam(reference, 0.01, beta1: 0.8, beta2: 0.99, eps: 1e-6);
        using var inPlace = new InPlaceAdam(ours, 0.01, beta1: 0.8, beta2: 0.99, eps: 1e-6);
        Tensor? rowAtStep20 = null;
        for (int step = 1; step <= 25; step++)
        {
            if (step == 21)
                rowAtStep20 = ours[0][1].clone();
            SetGradients(reference, step);
            SetGradients(ours, step);
            adam.step();
            inPlace.step();
        }
        for (int i = 0; i < reference.Length; i++)
            Assert.True(Same(reference[i], ours[i]), $"parameter {i} differs: max {(reference[i] - ours[i]).abs().max().item<float>()}");
        // The comparison means something: the parameters moved, the row without gradient moved on (Adam's momentum),
        // and the parameter without a gradient stayed.
        Assert.False(Same(ours[0], Parameters()[0]));
        Assert.False(Same(ours[0][1], rowAtStep20!));
        Assert.True(Same(ours[2], ones(2, 2)));
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
        using var adam = optim.Adam(reference, 0.01);
        using var inPlace = new InPlaceAdam(ours, 0.01);
        Tensor? unusedAtStep10 = null;
        for (int step = 1; step <= 20; step++)
        {
            adam.zero_grad();
            inPlace.zero_grad();
            Assert.All(ours, p => Assert.Null(p.grad));
            if (step > 1)
                Assert.NotNull(reference[0].grad);   // optim.Adam zeroes in place: what InPlaceAdam must step like
            if (step == 11)
                unusedAtStep10 = ours[1].clone();
            Loss(reference, step).backward();
            Loss(ours, step).backward();
            adam.step();
            inPlace.step();
        }
        for (int i = 0; i < reference.Length; i++)
            Assert.True(Same(reference[i], ours[i]), $"parameter {i} differs: max {(reference[i] - ours[i]).abs().max().item<float>()}");
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
