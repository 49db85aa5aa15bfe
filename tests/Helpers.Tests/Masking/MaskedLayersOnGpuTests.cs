using NotebookCourse.Helpers.Masking;
using NotebookCourse.Helpers.Padding;
using NotebookCourse.Helpers.Pooling;
using NotebookCourse.Helpers.Recurrent;
using NotebookCourse.Helpers.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Masking;

[Collection(ProcessEnvironmentCollection.Name)]
public class MaskedLayersOnGpuTests
{
    [Fact, Trait(Traits.Category, Traits.Gpu)]
    public void On_a_gpu_the_packed_lstm_and_masked_pooling_match_the_cpu_for_pre_and_post_padding()
    {
        NativeBackend.EnsureLoaded();
        Assert.SkipUnless(cuda.is_available(), "no CUDA device on this machine (GPU test)");
        using var scope = NewDisposeScope();
        var batches = new PaddedBatches(seed: 4, batch: 6, maxTokens: 9, dim: 3, includeEmptyRow: true);
        manual_seed(4);
        var lstm = new MaskedLstm(3, 5, bidirectional: true);
        foreach (var side in new[] { PaddingSide.Pre, PaddingSide.Post })
        {
            var onCpu = batches.Padded(batches.Longest + 4, side);
            var onGpu = new MaskedSequence(onCpu.Values.cuda(), onCpu.Mask.cuda());
            var cpuState = lstm.forward(onCpu).FinalHidden;
            lstm.cuda();
            var gpuState = lstm.forward(onGpu).FinalHidden.cpu();
            var gpuMean = new MaskedMeanPool().forward(onGpu).cpu();
            lstm.cpu();
            Assert.True((cpuState - gpuState).abs().max().item<float>() < 1e-4f, $"{side}: final states differ between CPU and GPU");
            Assert.True((new MaskedMeanPool().forward(onCpu) - gpuMean).abs().max().item<float>() < 1e-5f);
        }
    }
}
