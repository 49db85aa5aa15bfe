using NotebookCourse.Helpers.Pretrained;
using NotebookCourse.Helpers.Text;
using NotebookCourse.Helpers.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Pretrained;

[Collection(ProcessEnvironmentCollection.Name)]
public class PretrainedEmbeddingTests
{
    // Six words with vectors; the training data uses only ids 1 to 3, so rows 4 to 6 are never seen.
    static AlignedVectors Aligned()
    {
        var vocabulary = Vocabulary.Fit([["a", "b", "c", "d", "e", "f"]]);
        var vectors = WordVectorReader.Read(new StringReader("a 1 0\nb 0 1\nc 1 1\nd -1 0\ne 0 -1\nf -1 -1\n"), "test");
        return VectorAlignment.Align(vectors, vocabulary, OovHandling.ZeroVector);
    }

    sealed class Probe : nn.Module<Tensor, Tensor>
    {
        private readonly PretrainedEmbedding embedding;
        private readonly Linear output;

        public Probe(AlignedVectors vectors, bool frozen) : base(nameof(Probe))
        {
            embedding = new PretrainedEmbedding(vectors, frozen);
            output = nn.Linear(vectors.Dimension, 2);
            RegisterComponents();
        }

        public PretrainedEmbedding Embedding => embedding;

        public override Tensor forward(Tensor ids) => output.forward(embedding.forward(ids).mean([1]));
    }

    static TrainingData Data() => new(tensor(new long[] { 1, 2, 0, 3, 1, 0, 2, 3, 3 }, [3, 3]), tensor(new long[] { 0, 1, 1 }));

    static TrainingHistory Train(Probe model) =>
        Trainer.Fit(model, Data(), null, new ClassificationObjective(), new TrainingOptions { Epochs = 5, BatchSize = 2, LearningRate = 0.1, Seed = 1, Device = CPU });

    [Fact]
    public void A_frozen_table_is_given_to_no_optimizer_and_stays_exactly_as_it_was()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var model = new Probe(Aligned(), frozen: true);
        var before = model.Embedding.Table.detach().clone();
        // The optimizer gets the output layer's weight and bias, not the (7, 2) table.
        Assert.Equal([[2L, 2], [2L]], Trainer.TrainableParameters(model).Select(p => p.shape));

        Train(model);

        Assert.Equal(0f, (model.Embedding.Table - before).abs().max().item<float>());
        Assert.False(model.Embedding.Table.requires_grad);
    }

    [Fact]
    public void Fine_tuning_moves_the_rows_of_seen_words_only_and_never_the_pad_row()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var model = new Probe(Aligned(), frozen: false);
        var before = model.Embedding.Table.detach().clone();
        Assert.Contains(Trainer.TrainableParameters(model), p => p.shape.SequenceEqual(new long[] { 7, 2 }));

        Train(model);

        var moved = (model.Embedding.Table.detach() - before).abs().sum(1);
        Assert.All(new[] { 1, 2, 3 }, row => Assert.True(moved[row].item<float>() > 0, $"row {row} was seen and should move"));
        Assert.All(new[] { 0, 4, 5, 6 }, row => Assert.Equal(0f, moved[row].item<float>()));
        Assert.Equal(0f, model.Embedding.Table[0].abs().sum().item<float>());
    }

    [Fact]
    public void The_table_hash_changes_with_any_value_and_with_the_shape_and_ids_outside_the_table_are_refused()
    {
        var aligned = Aligned();
        string hash = TableHash.Of(aligned.Values, aligned.Rows, aligned.Dimension);
        Assert.Equal(hash, new PretrainedEmbedding(aligned, frozen: true).TableHash);
        var changed = aligned.Values.ToArray();
        changed[5] += 1e-6f;
        Assert.NotEqual(hash, TableHash.Of(changed, aligned.Rows, aligned.Dimension));
        Assert.NotEqual(hash, TableHash.Of(aligned.Values, aligned.Rows * 2, aligned.Dimension / 2));
        Assert.Contains("rows x dimension", Assert.Throws<ArgumentException>(() => TableHash.Of(aligned.Values, 3, 3)).Message);
        using var scope = NewDisposeScope();
        Assert.Contains("ids in [0, 7)", Assert.Throws<ArgumentOutOfRangeException>(() => new PretrainedEmbedding(aligned, frozen: true).forward(tensor(new long[] { 7 }, [1, 1]))).Message);
    }

    [Fact]
    public void A_model_with_nothing_to_train_is_refused_by_name()
    {
        using var scope = NewDisposeScope();
        var frozenOnly = new PretrainedEmbedding(Aligned(), frozen: true);
        Assert.Contains("PretrainedEmbedding has no trainable parameter", Assert.Throws<ArgumentException>(() => Trainer.TrainableParameters(frozenOnly)).Message);
    }
}
