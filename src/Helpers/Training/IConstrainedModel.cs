namespace NotebookCourse.Helpers.Training;

/// <summary>A model with weight constraints (as Keras' kernel constraints): the trainer calls this after every optimiser step.</summary>
public interface IConstrainedModel
{
    void ApplyConstraints();
}
