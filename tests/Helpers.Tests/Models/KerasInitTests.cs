using NotebookCourse.Helpers.Models;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Models;

[Collection(ProcessEnvironmentCollection.Name)]
public class KerasInitTests
{
    [Fact]
    public void Glorot_uniform_fills_the_kernel_within_its_limit_with_the_uniform_spread_and_zeroes_the_bias()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var layer = nn.Linear(300, 100);
        KerasInit.GlorotUniformZeroBias(layer);

        // Glorot uniform: U(-limit, limit), limit = sqrt(6 / (fan_in + fan_out)); its standard deviation is limit / sqrt(3).
        double limit = Math.Sqrt(6.0 / (300 + 100));
        var weight = layer.weight!;
        Assert.True(weight.abs().max().item<float>() <= limit + 1e-6, $"a weight exceeds the limit {limit}");
        Assert.True(weight.abs().max().item<float>() > 0.99 * limit, "the weights do not reach the limit: not uniform over it");
        Assert.Equal(limit / Math.Sqrt(3), weight.std().item<float>(), 0.003);
        Assert.Equal(0.0, weight.mean().item<float>(), 0.002);
        Assert.Equal(0f, layer.bias!.abs().sum().item<float>());
        Assert.True(weight.requires_grad, "initialising must not detach the weight from training");
    }
}
