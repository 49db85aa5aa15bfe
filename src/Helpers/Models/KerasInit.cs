using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Models;

/// <summary>Keras' dense-layer defaults applied to a TorchSharp Linear: Glorot-uniform kernel, zero bias.</summary>
public static class KerasInit
{
    public static void GlorotUniformZeroBias(Linear layer)
    {
        using var noGrad = no_grad();
        nn.init.xavier_uniform_(layer.weight!);
        if (layer.bias is { } bias)
            bias.zero_();
    }
}
