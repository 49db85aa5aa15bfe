namespace NotebookCourse.Helpers.Data;

/// <summary>One example of a <see cref="MultiFieldDataSet"/>: tokens per field, numeric features, and its labels (any number, none included).</summary>
public sealed record MultiFieldExample(IReadOnlyList<IReadOnlyList<string>> Fields, IReadOnlyList<double> Numeric, IReadOnlyList<int> Labels);

/// <summary>
/// Multi-input, multi-label examples (lesson 5): several token fields (a plot, a title, a bag of keywords...), numeric
/// features as they were recorded (transform them before a model sees them), and a set of labels per example.
/// </summary>
public sealed record MultiFieldDataSet
{
    public MultiFieldDataSet(IReadOnlyList<string> fieldNames, IReadOnlyList<string> numericNames, IReadOnlyList<string> labelNames, IReadOnlyList<MultiFieldExample> examples)
    {
        ArgumentNullException.ThrowIfNull(fieldNames);
        ArgumentNullException.ThrowIfNull(numericNames);
        ArgumentNullException.ThrowIfNull(labelNames);
        ArgumentNullException.ThrowIfNull(examples);
        if (fieldNames.Count == 0 || labelNames.Count == 0)
            throw new ArgumentException($"Need at least one token field and one label; got {fieldNames.Count} and {labelNames.Count}.", nameof(fieldNames));
        if (fieldNames.Distinct().Count() != fieldNames.Count)
            throw new ArgumentException($"Field names must be distinct; got {string.Join(", ", fieldNames)}.", nameof(fieldNames));
        for (int i = 0; i < examples.Count; i++)
        {
            var e = examples[i];
            if (e.Fields.Count != fieldNames.Count || e.Numeric.Count != numericNames.Count)
                throw new ArgumentException($"Example {i} has {e.Fields.Count} fields and {e.Numeric.Count} numeric features; the data set has {fieldNames.Count} ({string.Join(", ", fieldNames)}) and {numericNames.Count}.", nameof(examples));
            if (e.Labels.Any(l => l < 0 || l >= labelNames.Count))
                throw new ArgumentException($"Example {i} has label {e.Labels.First(l => l < 0 || l >= labelNames.Count)}; labels are indices into the {labelNames.Count} label names.", nameof(examples));
            if (e.Numeric.Any(v => !double.IsFinite(v)))
                throw new ArgumentException($"Example {i} has a numeric feature that is not finite; fill missing values before building the data set.", nameof(examples));
        }
        FieldNames = fieldNames;
        NumericNames = numericNames;
        LabelNames = labelNames;
        Examples = examples;
    }

    public IReadOnlyList<string> FieldNames { get; }
    public IReadOnlyList<string> NumericNames { get; }
    public IReadOnlyList<string> LabelNames { get; }
    public IReadOnlyList<MultiFieldExample> Examples { get; }

    /// <summary>The index of the field named <paramref name="name"/>.</summary>
    public int Field(string name)
    {
        for (int i = 0; i < FieldNames.Count; i++)
            if (FieldNames[i] == name)
                return i;
        throw new ArgumentException($"No field named '{name}'; the fields are {string.Join(", ", FieldNames)}.", nameof(name));
    }

    /// <summary>How many examples carry each label, in label order.</summary>
    public int[] LabelCounts()
    {
        var counts = new int[LabelNames.Count];
        foreach (var e in Examples)
            foreach (var l in e.Labels.Distinct())
                counts[l]++;
        return counts;
    }
}
