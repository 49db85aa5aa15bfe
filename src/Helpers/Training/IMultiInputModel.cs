using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Training;

/// <summary>
/// A model that takes several inputs per example (token fields, numeric features), as a Keras model with several
/// <c>Input</c> layers does. The trainer passes the batch's rows of <see cref="TrainingData.Inputs"/> first, then those of
/// each of <see cref="TrainingData.ExtraInputs"/>, in order.
/// </summary>
public interface IMultiInputModel
{
    Tensor Forward(IReadOnlyList<Tensor> inputs);
}
