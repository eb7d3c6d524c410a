using System.Text.RegularExpressions;
using CityWarmth.Knowledge.Text;

namespace CityWarmth.Knowledge.Versions;

/// <summary>A group of similar questions: the most frequent wording stands for the group.</summary>
public sealed record QuestionGroup(string Representative, int Count, IReadOnlyList<string> Members, IReadOnlyList<long> Ids);

/// <summary>
/// Prepares questions the bot could not answer for review: strips what could identify someone, and groups
/// similar wordings by character-bigram overlap so an admin sees each problem once.
/// </summary>
public static partial class QuestionGroups
{
    /// <summary>Similarity (Jaccard over character bigrams) at or above which two questions are one group.</summary>
    public const double Threshold = 0.4;

    public const int MaxLength = 200;

    /// <summary>The normalised question with runs of digits (phone, id card, amounts) masked and the length capped.</summary>
    public static string Sanitize(string question)
    {
        var text = TextNormalizer.ForMatching(question);
        text = LongNumber().Replace(text, "#");
        text = Email().Replace(text, "#");
        return text.Length > MaxLength ? text[..MaxLength] : text;
    }

    /// <summary>Groups items greedily, largest groups first.</summary>
    public static IReadOnlyList<QuestionGroup> Group(IEnumerable<(long Id, string Text)> items)
    {
        var groups = new List<(HashSet<string> Grams, List<(long Id, string Text)> Members)>();
        foreach (var item in items)
        {
            var grams = Bigrams(item.Text);
            var best = -1;
            var bestScore = 0.0;
            for (var i = 0; i < groups.Count; i++)
            {
                var score = Jaccard(grams, groups[i].Grams);
                if (score > bestScore)
                {
                    bestScore = score;
                    best = i;
                }
            }

            if (best >= 0 && bestScore >= Threshold)
            {
                groups[best].Members.Add(item);
            }
            else
            {
                groups.Add((grams, [item]));
            }
        }

        return [.. groups
            .Select(g => new QuestionGroup(
                g.Members.GroupBy(m => m.Text).OrderByDescending(x => x.Count()).ThenBy(x => x.Key.Length).First().Key,
                g.Members.Count,
                [.. g.Members.Select(m => m.Text).Distinct()],
                [.. g.Members.Select(m => m.Id)]))
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g.Representative, StringComparer.Ordinal)];
    }

    internal static HashSet<string> Bigrams(string text)
    {
        var chars = text.Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c)).ToArray();
        var grams = new HashSet<string>(StringComparer.Ordinal);
        if (chars.Length == 1)
        {
            grams.Add(chars[0].ToString());
        }

        for (var i = 0; i + 1 < chars.Length; i++)
        {
            grams.Add(new string(chars, i, 2));
        }

        return grams;
    }

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    [GeneratedRegex(@"\d[\d\s-]{4,}\d")]
    private static partial Regex LongNumber();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex Email();
}
