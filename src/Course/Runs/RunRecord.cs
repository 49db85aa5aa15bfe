using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotebookCourse.Course.Runs;

public sealed record RecordedParameter(string Name, string Type, string Value, bool Injected);

public sealed record RecordedCell(int Cell, double DurationSeconds, string Status);

public sealed record RecordedFailure(int Cell, int? Line, string Kind, string Error, string Message);

/// <summary>What a headless run of one lesson did: written as run.json next to the executed notebook.</summary>
public sealed record RunRecord
{
    /// <summary>The environment variable through which the course library appends metrics (JSON lines) for a run.</summary>
    public const string MetricsFileVariable = "COURSE_RUN_METRICS";
    public const string FileName = "run.json";
    public const string MetricsFileName = "metrics.jsonl";

    public required string Lesson { get; init; }
    public required string Notebook { get; init; }
    public required string ExecutedNotebook { get; init; }
    public required DateTimeOffset Started { get; init; }
    public double DurationSeconds { get; init; }
    /// <summary>"running", "succeeded" or "failed".</summary>
    public required string Status { get; init; }
    public required IReadOnlyList<RecordedParameter> Parameters { get; init; }
    public IReadOnlyList<RecordedCell> Cells { get; init; } = [];
    public RecordedFailure? Failure { get; init; }
    /// <summary>A cell ran past its timeout: its thread cannot be stopped, so its process must not run another lesson.</summary>
    [JsonIgnore]
    public bool TimedOut => Failure?.Kind == "timeout";
    /// <summary>The last value reported for each metric.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public void Save(string folder)
    {
        string path = Path.Combine(folder, FileName);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(this, Json) + "\n");
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public static RunRecord Load(string folder) =>
        JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(Path.Combine(folder, FileName)), Json)
        ?? throw new InvalidDataException($"{Path.Combine(folder, FileName)} is empty.");

    /// <summary>Reads the metrics a run reported, keeping the last value of each; a torn last line is ignored.</summary>
    public static Dictionary<string, double> ReadMetrics(string metricsFile)
    {
        var metrics = new Dictionary<string, double>();
        if (!File.Exists(metricsFile))
            return metrics;
        foreach (var line in File.ReadLines(metricsFile))
        {
            try
            {
                using var entry = JsonDocument.Parse(line);
                var value = entry.RootElement.GetProperty("value");
                metrics[entry.RootElement.GetProperty("name").GetString()!] =
                    value.ValueKind == JsonValueKind.String ? double.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : value.GetDouble();
            }
            catch (JsonException)
            {
                // A process killed mid-write leaves a partial line; the complete ones still count.
            }
        }
        return metrics;
    }
}
