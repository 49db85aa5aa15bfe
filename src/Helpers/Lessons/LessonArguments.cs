namespace NotebookCourse.Helpers.Lessons;

/// <summary>A bad command line for a lesson run as a file-based app: the message says what was wrong and what is valid.</summary>
public sealed class LessonArgumentException(string message) : Exception(message);

/// <summary>
/// The command line of a lesson exported as a file-based app (<c>dotnet run lesson.cs -- --set Epochs=2</c>): the same
/// <c>--set Name=Value</c> overrides as <c>course run</c>, each typed by the value the lesson's parameters cell gives.
/// </summary>
public sealed class LessonArguments
{
    readonly Dictionary<string, object> overrides;

    LessonArguments(Dictionary<string, object> overrides, IReadOnlyList<string> described)
    {
        this.overrides = overrides;
        Overridden = described;
    }

    /// <summary>"Name = value" for each override given, in the order given.</summary>
    public IReadOnlyList<string> Overridden { get; }

    /// <param name="args">The program's arguments.</param>
    /// <param name="parameters">Each parameter of the lesson with its value in the parameters cell.</param>
    public static LessonArguments Parse(string[] args, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(parameters);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            if (string.IsNullOrWhiteSpace(name))
                throw new ArgumentException("Every parameter needs its name.", nameof(parameters));
            types[name] = value is null ? throw new ArgumentException($"Parameter '{name}' has no value.", nameof(parameters))
                : ParameterValues.TypeName(value) ?? throw new ArgumentException($"Parameter '{name}' is a {value.GetType().Name}; expected an int, long, double, float, bool or string.", nameof(parameters));
        }
        string valid = types.Count == 0 ? "none" : string.Join(", ", types.Select(t => $"{t.Key} ({t.Value})"));

        var overrides = new Dictionary<string, object>(StringComparer.Ordinal);
        var described = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string text;
            if (args[i] == "--set" && i + 1 < args.Length)
                text = args[++i];
            else if (args[i].StartsWith("--set=", StringComparison.Ordinal))
                text = args[i]["--set=".Length..];
            else
                throw new LessonArgumentException($"unexpected argument '{args[i]}'; expected --set Name=Value (repeatable). Valid parameters: {valid}.");
            var (name, raw) = ParameterValues.SplitAssignment(text) ?? throw new LessonArgumentException($"--set '{text}': expected Name=Value.");
            if (!types.TryGetValue(name, out var type))
                throw new LessonArgumentException($"unknown parameter '{name}'; valid parameters: {valid}.");
            var value = ParameterValues.Parse(type, raw)
                ?? throw new LessonArgumentException($"parameter '{name}' is {ParameterValues.WithArticle(type)}; '{raw}' is not. Valid parameters: {valid}.");
            overrides[name] = value;
            described.Add($"{name} = {raw}");
        }
        return new LessonArguments(overrides, described);
    }

    public override string ToString() => Overridden.Count == 0
        ? "parameters: as in the lesson (dotnet run <file> -- --set Name=Value overrides one)"
        : $"parameters set on the command line: {string.Join(", ", Overridden)}";

    /// <summary>The value given with --set for <paramref name="name"/>, else <paramref name="current"/>.</summary>
    public T Get<T>(string name, T current) => overrides.TryGetValue(name, out var value) ? (T)value : current;
}
