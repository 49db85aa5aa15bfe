using NotebookCourse.Helpers.Models;
using NotebookCourse.Helpers.MultiLabel;
using NotebookCourse.Helpers.Training;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Attention;

/// <summary>
/// What removing one token does to the probability of each document's top label: the most-attended token against a
/// random other real token of the same document.
/// </summary>
/// <param name="Documents">Documents with at least two real tokens.</param>
/// <param name="MeanDropAttended">Mean fall of the top label's probability when the most-attended token is removed.</param>
/// <param name="MeanDropRandom">The same for a random other token.</param>
/// <param name="ShareAttendedLarger">Share of documents where removing the most-attended token moves the probability more.</param>
public sealed record ErasureResult(int Documents, double MeanDropAttended, double MeanDropRandom, double ShareAttendedLarger);

/// <summary>
/// Erasure: a test of whether the weights point at what the prediction depends on (the question Jain and Wallace 2019
/// and Wiegreffe and Pinter 2019 debate). A token is removed by putting the pad id in its place; every masked layer
/// then computes what it would without the token (the masked LSTM compacts real tokens first).
/// </summary>
public static class TokenErasure
{
    public static ErasureResult Compare(MultiFieldClassifier model, MultiFieldData data, TrainingData split, string field, int seed, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var weights = AttentionInspection.Weights(model, data, split, field, device);
        var ids = data.Ids(split, field);
        var probabilities = Trainer.Predict(model, split, device: device).sigmoid();
        var top = probabilities.argmax(1).data<long>().ToArray();
        var idValues = ids.data<long>().ToArray();
        var weightValues = weights.to(ScalarType.Float32).data<float>().ToArray();
        long rows = ids.shape[0], time = ids.shape[1];
        var random = new Random(seed);
        var attendedIds = idValues.ToArray();
        var randomIds = idValues.ToArray();
        var kept = new List<long>();
        for (long r = 0; r < rows; r++)
        {
            var real = Enumerable.Range(0, (int)time).Where(t => idValues[r * time + t] != 0).ToArray();
            if (real.Length < 2)
                continue;
            int attended = real.MaxBy(t => weightValues[r * time + t]);
            var others = real.Where(t => t != attended).ToArray();
            attendedIds[r * time + attended] = 0;
            randomIds[r * time + others[random.Next(others.Length)]] = 0;
            kept.Add(r);
        }
        if (kept.Count == 0)
            return new ErasureResult(0, 0, 0, 0);
        Tensor TopProbability(Tensor p) => p.gather(1, tensor(top).unsqueeze(1)).squeeze(1);
        var original = TopProbability(probabilities);
        var withoutAttended = TopProbability(Trainer.Predict(model, data.InputsWith(split, field, tensor(attendedIds, ids.shape)), device: device).sigmoid());
        var withoutRandom = TopProbability(Trainer.Predict(model, data.InputsWith(split, field, tensor(randomIds, ids.shape)), device: device).sigmoid());
        var index = tensor(kept.ToArray());
        var dropAttended = (original - withoutAttended).index_select(0, index);
        var dropRandom = (original - withoutRandom).index_select(0, index);
        return new ErasureResult(kept.Count, dropAttended.mean().item<float>(), dropRandom.mean().item<float>(),
            dropAttended.abs().gt(dropRandom.abs()).to(ScalarType.Float32).mean().item<float>());
    }
}
