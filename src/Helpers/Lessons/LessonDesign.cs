namespace NotebookCourse.Helpers.Lessons;

/// <summary>
/// The settings a lesson's claims were designed and tested for. Under them a claim that fails stops the lesson
/// (<see cref="Claim.That"/>); under a learner's own settings the same check is reported with its evidence and the
/// lesson goes on (<see cref="Claim.Observed"/>), because a claim made for one setting need not hold in another.
/// </summary>
public sealed class LessonDesign
{
    readonly List<(string Name, object Value, object[] Designed)> parameters;

    LessonDesign(List<(string, object, object[])> parameters) => this.parameters = parameters;

    /// <summary>
    /// Each parameter with its current value and the value (or values, as an array) it was designed for, e.g.
    /// <c>("Seed", Seed, new[] { 1, 2, 3, 4, 5, 42 })</c>, <c>("MaxLength", MaxLength, 300)</c>.
    /// </summary>
    public static LessonDesign For(params (string Name, object Value, object Designed)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = new List<(string, object, object[])>();
        foreach (var (name, value, designed) in parameters)
        {
            if (string.IsNullOrWhiteSpace(name))
                throw new ArgumentException("Every designed parameter needs its name.", nameof(parameters));
            var values = designed is System.Collections.IEnumerable many and not string ? many.Cast<object>().ToArray() : [designed];
            if (values.Length == 0)
                throw new ArgumentException($"Parameter '{name}' lists no designed value.", nameof(parameters));
            list.Add((name, value, values));
        }
        return new LessonDesign(list);
    }

    /// <summary>True when every parameter has a designed value: the lesson's claims are then required to hold.</summary>
    public bool Holds => Differences.Count == 0;

    /// <summary>The parameters that differ from the design, as "Name = value (designed: ...)".</summary>
    public IReadOnlyList<string> Differences =>
        parameters.Where(p => !p.Designed.Any(d => Equal(d, p.Value)))
            .Select(p => $"{p.Name} = {p.Value} (designed: {string.Join(" or ", p.Designed)})").ToList();

    /// <summary>A claim: required to hold under the designed settings, reported with its evidence otherwise.</summary>
    public string Check(string claim, bool holds, string? evidence = null) =>
        Holds ? Claim.That(claim, holds, evidence) : Claim.Observed(claim, holds, evidence);

    public override string ToString() => Holds
        ? $"designed settings ({string.Join(", ", parameters.Select(p => $"{p.Name} = {p.Value}"))}): every claim is checked and stops the lesson if it fails"
        : $"your settings differ from the designed ones ({string.Join("; ", Differences)}): claims are reported as shown or not shown, and the lesson goes on";

    // Parameters arrive boxed from notebook literals: 300 and 300L, 0.3 and 0.3f are the same setting.
    static bool Equal(object designed, object value) => (designed, value) switch
    {
        (string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase),
        (IConvertible a, IConvertible b) when IsNumber(a) && IsNumber(b) => Convert.ToDouble(a) == Convert.ToDouble(b),
        _ => Equals(designed, value),
    };

    static bool IsNumber(object value) => value is int or long or short or byte or double or float or decimal;
}
