using NotebookCourse.Helpers.Training;
using NotebookCourse.Helpers.Validation;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Models;

/// <summary>
/// Lesson 5's model: several token fields, each encoded on its own (<see cref="FieldEncoder"/>), plus numeric features,
/// concatenated -> dense (ReLU) -> dropout -> one logit per label (sigmoid outputs, trained with binary cross-entropy on
/// logits: <see cref="MultiLabelObjective"/>). Inputs, in order: one id tensor (batch, time) per field, then the numeric
/// features (batch, features) when there are any.
/// </summary>
public sealed class MultiFieldClassifier : nn.Module<Tensor, Tensor>, IMultiInputModel
{
    private readonly ModuleList<FieldEncoder> encoders;
    private readonly Linear hidden;
    private readonly Dropout dropout;
    private readonly Linear output;

    public MultiFieldClassifier(IReadOnlyList<TokenField> fields, int numericFeatures, int hiddenSize, double dropoutRate, int labels)
        : base(nameof(MultiFieldClassifier))
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count == 0 || numericFeatures < 0 || hiddenSize < 1 || labels < 1 || dropoutRate is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(fields),
                $"Need at least one field, numericFeatures >= 0, hiddenSize >= 1, labels >= 1 and dropoutRate in [0, 1); got {fields.Count}, {numericFeatures}, {hiddenSize}, {labels}, {dropoutRate}.");
        Fields = fields;
        NumericFeatures = numericFeatures;
        encoders = nn.ModuleList(fields.Select(f => new FieldEncoder(f)).ToArray());
        int concatenated = encoders.Sum(e => e.OutputSize) + numericFeatures;
        hidden = nn.Linear(concatenated, hiddenSize);
        dropout = nn.Dropout(dropoutRate);
        output = nn.Linear(hiddenSize, labels);
        KerasInit.GlorotUniformZeroBias(hidden);
        KerasInit.GlorotUniformZeroBias(output);
        RegisterComponents();
    }

    public IReadOnlyList<TokenField> Fields { get; }
    public int NumericFeatures { get; }
    public int InputCount => Fields.Count + (NumericFeatures > 0 ? 1 : 0);

    /// <summary>The encoder of the field named <paramref name="name"/> (for its attention weights).</summary>
    public FieldEncoder Encoder(string name) =>
        encoders.FirstOrDefault(e => e.Field.Name == name) ?? throw new ArgumentException($"No field named '{name}'; the fields are {string.Join(", ", Fields.Select(f => f.Name))}.", nameof(name));

    public override Tensor forward(Tensor ids) => InputCount == 1
        ? Forward([ids])
        : throw new ArgumentException($"{GetName()} takes {InputCount} inputs ({Describe()}); pass them all with Forward, or train with TrainingData.WithExtraInputs.");

    public Tensor Forward(IReadOnlyList<Tensor> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count != InputCount)
            throw new ArgumentException($"{GetName()} takes {InputCount} inputs ({Describe()}); got {inputs.Count}.", nameof(inputs));
        using var scope = NewDisposeScope();
        var parts = new List<Tensor>();
        for (int i = 0; i < encoders.Count; i++)
            parts.Add(encoders[i].forward(inputs[i]));
        if (NumericFeatures > 0)
        {
            var numeric = inputs[^1];
            TensorChecks.Rank(numeric, 2, "numeric features", "(batch, features)");
            TensorChecks.FloatingPoint(numeric, "numeric features");
            if (numeric.shape[1] != NumericFeatures)
                throw new ArgumentException($"The numeric features have {numeric.shape[1]} columns; the model was built for {NumericFeatures}.", nameof(inputs));
            parts.Add(numeric.to(parts[0].dtype));
        }
        long batch = parts[0].shape[0];
        if (parts.Any(p => p.shape[0] != batch))
            throw new ArgumentException($"Every input needs the same batch size; got {string.Join(", ", parts.Select(p => p.shape[0]))}.", nameof(inputs));
        var features = cat(parts, 1);
        return output.forward(dropout.forward(nn.functional.relu(hidden.forward(features)))).MoveToOuterDisposeScope();
    }

    string Describe() => string.Join(", ", Fields.Select(f => $"{f.Name} ids")) + (NumericFeatures > 0 ? $", {NumericFeatures} numeric features" : "");
}
