using NotebookCourse.Helpers.Plots.Figures;

namespace NotebookCourse.Helpers.Plots;

/// <summary>Attention weights over one text's tokens: a column per token (labelled with its position and word), a row per layer.</summary>
public static class AttentionHeatmap
{
    public static HtmlChart Plot(IReadOnlyList<string> tokens, IReadOnlyList<(string Layer, double[] Weights)> rows, string? title = null) =>
        new(Figure(tokens, rows, title));

    public static FigureSpec Figure(IReadOnlyList<string> tokens, IReadOnlyList<(string Layer, double[] Weights)> rows, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(rows);
        if (tokens.Count == 0 || rows.Count == 0)
            throw new ArgumentException($"Need at least one token and one row of weights; got {tokens.Count} and {rows.Count}.", nameof(tokens));
        foreach (var (layer, weights) in rows)
            if (weights is null || weights.Length != tokens.Count)
                throw new ArgumentException($"Row '{layer}' has {weights?.Length ?? 0} weights for {tokens.Count} tokens; give one weight per token.", nameof(rows));
        // Plotly merges equal category names, so each column carries its position.
        var columns = tokens.Select((t, i) => $"{i + 1}·{t}").ToArray();
        return new FigureSpec
        {
            Title = title,
            XTitle = "token",
            Height = 220 + 70 * rows.Count,
            Width = Math.Clamp(200 + 28 * tokens.Count, 500, 1400),
            Traces = [new TraceSpec { Kind = TraceKind.Heatmap, Name = "attention weight", Categories = columns, RowLabels = rows.Select(r => r.Layer).ToArray(), Z = rows.Select(r => r.Weights).ToArray() }],
        };
    }
}
