namespace NotebookCourse.Helpers.Embeddings;

/// <summary>What the embedding of the pad id (0) is, and whether it can learn.</summary>
public enum PadHandling
{
    /// <summary>Keras' default (also with <c>mask_zero=True</c>): row 0 is an ordinary random, trainable vector.</summary>
    LearnedPad,
    /// <summary>The looked-up vectors are multiplied by the mask, so pad positions are zero whatever row 0 holds.</summary>
    MaskMultiply,
    /// <summary>PyTorch's <c>padding_idx</c>: row 0 is zero and never receives gradient.</summary>
    PaddingIdx,
    /// <summary>All rows start positive (uniform(0, 0.05)) and are clipped at 0 after every step (Keras NonNeg); the pad is not zeroed.</summary>
    PositiveNonNegative,
    /// <summary>
    /// The question's update: all rows start positive, uniform(0.0001, 0.05) (Keras RandomUniform), and the vectors are
    /// multiplied by the mask, so pads are zero; no constraint.
    /// </summary>
    PositiveMaskMultiply,
    /// <summary>As <see cref="PositiveMaskMultiply"/>, with Keras' NonNeg constraint: rows are clipped at 0 after every step.</summary>
    PositiveMaskMultiplyNonNegative,
    /// <summary>Ablation: row 0 is random (the Keras initialisation) but frozen, so pads feed a constant, untrained vector.</summary>
    FrozenRandomPad,
    /// <summary>Ablation: row 0 starts at exactly zero but is trainable like any row, so it moves once it gets gradient.</summary>
    ZeroStartTrainablePad,
}

/// <summary>How weights start: as Keras would, or as TorchSharp does.</summary>
public enum WeightInit
{
    /// <summary>Embedding uniform(-0.05, 0.05), dense kernels Glorot-uniform, zero biases.</summary>
    KerasFaithful,
    /// <summary>Embedding normal(0, 1), dense Kaiming-uniform kernels and uniform biases.</summary>
    TorchDefault,
}
