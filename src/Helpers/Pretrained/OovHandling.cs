namespace NotebookCourse.Helpers.Pretrained;

/// <summary>What a vocabulary word without a pre-trained vector gets in the aligned table.</summary>
public enum OovHandling
{
    /// <summary>A zero vector. Fed from outside with a mask taken from zero vectors, such a word is silently masked (lesson 4).</summary>
    ZeroVector,
    /// <summary>A small random vector, uniform(-0.05, 0.05), its own for each missing word.</summary>
    SmallRandom,
    /// <summary>The mean of all the file's vectors, the same for every missing word.</summary>
    MeanVector,
    /// <summary>One extra row shared by every missing word (small random, to be trained); ids are remapped to it.</summary>
    SharedOovRow,
}
