using NotebookCourse.Helpers.Embeddings;
using NotebookCourse.Helpers.Experiments;
using NotebookCourse.Helpers.Plots.Figures;

namespace NotebookCourse.Helpers.Plots;

/// <summary>A pad experiment's step diagnostics over optimizer steps, one line per condition.</summary>
public static class StepDiagnosticsCurves
{
    /// <param name="value">What to draw, e.g. <c>s =&gt; s.DeadUnitShare</c>.</param>
    /// <param name="throughEpoch">Only steps up to the end of this epoch; null for all.</param>
    public static HtmlChart Plot(PadExperimentResult result, Func<StepDiagnostics, double> value, string title,
        IEnumerable<PadHandling>? conditions = null, int? throughEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(value);
        var chosen = (conditions ?? result.Conditions.Select(c => c.Condition)).ToList();
        var traces = new List<TraceSpec>();
        foreach (var condition in chosen)
        {
            var steps = result[condition].Steps.Where(s => throughEpoch is null || s.Epoch <= throughEpoch).ToList();
            if (steps.Count == 0)
                throw new ArgumentException($"Condition {condition} has no step diagnostics; set PadExperimentSetup.DiagnosticsEvery.", nameof(result));
            traces.Add(new TraceSpec { Kind = TraceKind.Line, Name = condition.ToString(), X = steps.Select(s => (double)s.Step).ToArray(), Y = steps.Select(value).ToArray() });
        }
        return new HtmlChart(new FigureSpec { Title = title, XTitle = "optimizer step", YTitle = title, Traces = [.. traces] });
    }
}
