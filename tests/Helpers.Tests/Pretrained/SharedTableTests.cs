using NotebookCourse.Helpers.Pretrained;
using NotebookCourse.Helpers.Text;
using NotebookCourse.Helpers.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotebookCourse.Helpers.Tests.Pretrained;

[Collection(ProcessEnvironmentCollection.Name)]
public class SharedTableTests
{
    static AlignedVectors Aligned(string vectorOfA = "1 0 0")
    {
        var vocabulary = Vocabulary.Fit([["a", "b", "c", "d"]]);
        var vectors = WordVectorReader.Read(new StringReader($"a {vectorOfA}\nb 0 1 0\nc 0 0 1\nd 1 1 1\n"), "test");
        return VectorAlignment.Align(vectors, vocabulary, OovHandling.ZeroVector);
    }

    static string Saved(AlignedVectors aligned)
    {
        string path = Path.Combine(TestPaths.NewTemporaryFolder(), "table.bin");
        SharedVectorTable.Save(aligned, path);
        return path;
    }

    sealed class Classifier : nn.Module<Tensor, Tensor>
    {
        private readonly SharedTableEmbedding embedding;
        private readonly Linear output;

        public Classifier(SharedVectorTable table) : base(nameof(Classifier))
        {
            embedding = new SharedTableEmbedding(table);
            output = nn.Linear(table.Dimension, 2);
            RegisterComponents();
        }

        public override Tensor forward(Tensor ids) => output.forward(embedding.forward(ids).mean([1]));
    }

    static Tensor Ids() => tensor(new long[] { 1, 2, 0, 4, 3, 1 }, [2, 3]);

    [Fact]
    public void A_saved_table_maps_back_with_its_values_and_hash_and_every_model_reads_that_one_mapping()
    {
        var aligned = Aligned();
        using var table = SharedVectorTable.Open(Saved(aligned));
        Assert.Equal([5L, 3], table.Tensor.shape);
        Assert.Equal(aligned.Values, table.Tensor.data<float>().ToArray());
        Assert.Equal(TableHash.Of(aligned.Values, 5, 3), table.Hash);
        Assert.Equal(5L * 3 * 4, table.Bytes);

        using var scope = NewDisposeScope();
        var first = new SharedTableEmbedding(table);
        var second = new SharedTableEmbedding(table);
        Assert.Same(first.Table.Tensor, second.Table.Tensor);
        Assert.Empty(first.parameters());   // nothing to train, nothing to save
        var looked = first.forward(Ids());
        Assert.Equal([1f, 0f, 0f], looked[0, 0].data<float>().ToArray());
        Assert.Equal([0f, 0f, 0f], looked[0, 2].data<float>().ToArray());   // the pad
        Assert.False(looked.requires_grad);
    }

    [Fact]
    public void A_checkpoint_leaves_the_shared_table_out_and_loads_only_with_that_table()
    {
        var aligned = Aligned();
        using var table = SharedVectorTable.Open(Saved(aligned));
        string checkpoint = Path.Combine(TestPaths.NewTemporaryFolder(), "model.bin");
        using var scope = NewDisposeScope();
        manual_seed(3);
        var trained = new Classifier(table);
        Trainer.Fit(trained, new TrainingData(Ids(), tensor(new long[] { 0, 1 })), null, new ClassificationObjective(),
            new TrainingOptions { Epochs = 3, BatchSize = 2, LearningRate = 0.1, Seed = 3, Device = CPU });
        ModelCheckpoint.Save(trained, checkpoint, table);

        manual_seed(4);
        var restored = new Classifier(table);
        ModelCheckpoint.Load(restored, checkpoint, table);
        Assert.Equal(0f, (restored.forward(Ids()) - trained.forward(Ids())).abs().max().item<float>());
        Assert.True(new FileInfo(checkpoint).Length < 1000, $"the checkpoint holds the 3 x 2 output layer, not the table ({new FileInfo(checkpoint).Length} bytes)");

        using var other = SharedVectorTable.Open(Saved(Aligned("1 0 0.5")));
        var wrong = Assert.Throws<ArgumentException>(() => ModelCheckpoint.Load(new Classifier(other), checkpoint, other));
        Assert.Contains($"was trained with the table {table.Hash}", wrong.Message);
        Assert.Contains($"is {other.Hash}", wrong.Message);
        Assert.Contains("saved without its table", Assert.Throws<ArgumentException>(() => ModelCheckpoint.Load(new Classifier(table), checkpoint)).Message);
    }

    [Fact]
    public void A_table_file_that_does_not_match_its_description_is_refused()
    {
        string path = Saved(Aligned());
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^4]);
        Assert.Contains("has 56 bytes; its description (5 x 3 float32) needs 60", Assert.Throws<InvalidDataException>(() => SharedVectorTable.Open(path)).Message);
        bytes[4] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("does not hold the table its description names", Assert.Throws<InvalidDataException>(() => SharedVectorTable.Open(path)).Message);
        Assert.Contains("needs", Assert.Throws<FileNotFoundException>(() => SharedVectorTable.Open(path + ".missing")).Message);
    }
}
