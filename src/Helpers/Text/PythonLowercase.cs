using System.Globalization;
using System.Text;

namespace NotebookCourse.Helpers.Text;

/// <summary>
/// Lowercasing as Python's <c>str.lower()</c> does it (what Keras' tokenizer calls): the Unicode lowercase
/// mapping, with the two cases where that differs from .NET's <c>ToLowerInvariant</c>: capital sigma becomes
/// final sigma (ς) at the end of a word, and İ (U+0130) becomes "i" plus a combining dot above (U+0307).
/// </summary>
public static class PythonLowercase
{
    const int CapitalSigma = 0x03A3, SmallSigma = 0x03C3, FinalSigma = 0x03C2, CapitalIWithDot = 0x0130;

    public static string Lower(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var runes = text.EnumerateRunes().ToArray();
        var lower = new StringBuilder(text.Length);
        for (int i = 0; i < runes.Length; i++)
        {
            var rune = runes[i];
            if (rune.Value == CapitalIWithDot)
                lower.Append("i\u0307");
            else if (rune.Value == CapitalSigma)
                lower.Append(char.ConvertFromUtf32(IsFinal(runes, i) ? FinalSigma : SmallSigma));
            else
                lower.Append(Rune.ToLowerInvariant(rune).ToString());
        }
        return lower.ToString();
    }

    // Unicode's Final_Sigma context, as CPython tests it: a cased letter before (case-ignorable ones skipped)
    // and no cased letter after (case-ignorable ones skipped).
    static bool IsFinal(Rune[] runes, int at)
    {
        int before = at - 1;
        while (before >= 0 && IsCaseIgnorable(runes[before]))
            before--;
        if (before < 0 || !IsCased(runes[before]))
            return false;
        int after = at + 1;
        while (after < runes.Length && IsCaseIgnorable(runes[after]))
            after++;
        return after == runes.Length || !IsCased(runes[after]);
    }

    static bool IsCased(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;

    // Case_Ignorable: marks, format characters, modifier letters and symbols, and the word-internal punctuation
    // of Unicode's word-break rules (apostrophes, full stop, colon, middle dot).
    static bool IsCaseIgnorable(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol
        || rune.Value is '\'' or '.' or ':' or 0x00B7 or 0x0387 or 0x05F4 or 0x2018 or 0x2019 or 0x2024 or 0xFE52 or 0xFE55 or 0xFF07 or 0xFF0E or 0xFF1A;
}
