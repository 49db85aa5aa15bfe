namespace NotebookCourse.Helpers.Data;

/// <summary>Texts with a class label each (label = index into <see cref="ClassNames"/>).</summary>
public sealed record LabelledTexts(IReadOnlyList<string> Texts, IReadOnlyList<int> Labels, IReadOnlyList<string> ClassNames);
