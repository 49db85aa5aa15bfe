namespace NotebookCourse.Helpers.Experiments;

/// <summary>Where a classifier's word vectors come from, and whether training may change them (lesson 4).</summary>
public enum TableDesign
{
    /// <summary>A table initialised at random and trained with the model (Keras' default Embedding).</summary>
    RandomTrainable,
    /// <summary>Pre-trained vectors inside the model, frozen (Keras' <c>weights=[matrix], trainable=False</c>).</summary>
    PretrainedFrozen,
    /// <summary>Pre-trained vectors inside the model, trained further.</summary>
    PretrainedFineTuned,
    /// <summary>The same vectors looked up outside the model and fed as (batch, time, dim), mask from zero vectors.</summary>
    ExternalVectors,
    /// <summary>One memory-mapped table read by every model; frozen by construction, left out of checkpoints.</summary>
    SharedTable,
}
