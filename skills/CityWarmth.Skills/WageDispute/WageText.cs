using System.Text;
using System.Text.RegularExpressions;
using CityWarmth.Knowledge.Text;

namespace CityWarmth.Skills.WageDispute;

/// <summary>Text helpers shared by the wage-dispute parsers: normalisation and simple intent cues.</summary>
public static partial class WageText
{
    /// <summary>
    /// The one normalisation step every wage parser runs first: traditional script to simplified (the parsers' words
    /// are simplified), full-width ASCII to half-width, the ideographic space to a space, and trimmed. Never throws;
    /// null becomes "".
    /// </summary>
    public static string Normalize(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return string.Empty;
        }

        var simplified = ChineseScript.ToSimplified(input);
        var sb = new StringBuilder(simplified.Length);
        foreach (var c in simplified)
        {
            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                sb.Append((char)(c - 0xFEE0));
            }
            else if (c is '\u3000' or '\u00A0')
            {
                sb.Append(' ');
            }
            else if (c is '￥')
            {
                sb.Append('¥');
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString().Trim();
    }

    /// <summary>A normalised message that reads like a question (a policy question in the middle of an intake).</summary>
    public static bool LooksLikeQuestion(string normalized) =>
        !string.IsNullOrWhiteSpace(normalized) && QuestionCue().IsMatch(normalized) && !NotAQuestion().IsMatch(normalized);

    /// <summary>Removes spaces and trailing punctuation a worker adds to a short answer.</summary>
    public static string Compact(string normalized) =>
        Punctuation().Replace(normalized, string.Empty).Trim();

    [GeneratedRegex(@"[?？]|(吗|呢|么|嘛)[\s!.]*$|怎么|怎样|如何|哪里|哪儿|哪个|哪些|什么|为什么|为啥|能不能|可不可以|是不是|多久|多长时间|咋|啥|要不要|需不需要|谁(来|管|负责|给)")]
    private static partial Regex QuestionCue();

    [GeneratedRegex(@"(什么|啥)(都|也)(没|没有)")]
    private static partial Regex NotAQuestion();

    [GeneratedRegex(@"[\s,.!;:'""、，。！；：“”‘’~…]+")]
    private static partial Regex Punctuation();
}
