using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace NotebookCourse.Course.Site;

/// <summary>
/// plotly.js as Plotly.NET ships it (an embedded resource of Plotly.NET.dll in the course library's chart folder), read
/// from the file without loading the assembly, so the site draws its charts with no CDN.
/// </summary>
public static class PlotlyScript
{
    public const string LibraryChartsFolder = "src/Helpers/bin/charts";

    public static byte[] Read(string repository)
    {
        string path = Path.Combine(repository, LibraryChartsFolder, "Plotly.NET.dll");
        if (!File.Exists(path))
            throw new FileNotFoundException($"no '{path}': the site takes plotly.js from the course library's chart renderer; build it with 'dotnet build src/Helpers'.", path);
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!resource.Implementation.IsNil || !metadata.GetString(resource.Name).EndsWith(".min.js", StringComparison.Ordinal))
                continue;
            var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
            var block = pe.GetSectionData(directory.RelativeVirtualAddress);
            var reader = block.GetReader((int)resource.Offset, block.Length - (int)resource.Offset);
            int length = reader.ReadInt32();
            return reader.ReadBytes(length);
        }
        throw new InvalidDataException($"'{path}' holds no plotly.js (*.min.js) resource; rebuild the course library.");
    }
}
