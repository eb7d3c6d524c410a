using System.Globalization;
using System.Text;
using System.Text.Json;
using CityWarmth.Knowledge.Text;

namespace CityWarmth.Knowledge.Search;

/// <summary>
/// Scores answers to fact questions about documents (JSON lines
/// <c>{"doc": "guide.html", "q": "...", "facts": ["0000-5860432"], "any": false, "section": "受理窗口"}</c>):
/// whether the first message of the reply states the facts (all of them, or any one when <c>any</c> is true) and
/// whether it cites the expected section. Texts are compared in their matching form without spaces, so full-width,
/// traditional and spacing differences do not count.
/// </summary>
public static class FactEvaluation
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<FactQuestion> ReadFile(string path) =>
        [.. File.ReadLines(path)
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonSerializer.Deserialize<FactQuestion>(l, Options) ?? throw new InvalidDataException("Empty fact line."))
            .Select(q => q.Facts is null || q.Facts.Count == 0 || string.IsNullOrWhiteSpace(q.Doc) || string.IsNullOrWhiteSpace(q.Q)
                ? throw new InvalidDataException($"A fact line needs doc, q and facts: {q.Q}")
                : q)];

    /// <summary>Scores one reply: the text of its first message and the names of the sources that message cites.</summary>
    public static FactResult Score(FactQuestion question, string firstMessage, IReadOnlyList<string> citedSources)
    {
        var text = Compact(firstMessage);
        var found = question.Facts.Count(f => text.Contains(Compact(f), StringComparison.Ordinal));
        var stated = question.Any ? found > 0 : found == question.Facts.Count;
        var section = Compact(question.Section ?? string.Empty);
        var sourceLine = firstMessage.Split('\n').LastOrDefault(l => l.StartsWith("来源", StringComparison.Ordinal)) ?? string.Empty;
        var cited = section.Length == 0
            || Compact(sourceLine).Contains(section, StringComparison.Ordinal)
            || (citedSources.Count > 0 && Compact(citedSources[0]).Contains(section, StringComparison.Ordinal));
        return new FactResult(question, stated, cited, firstMessage);
    }

    /// <summary>A report by document, then the totals, then every question that missed its fact or its section.</summary>
    public static string Report(IReadOnlyList<FactResult> results)
    {
        var sb = new StringBuilder();
        foreach (var group in results.GroupBy(r => r.Question.Doc))
        {
            sb.AppendLine(Line(group.Key, [.. group]));
        }

        sb.AppendLine(Line("all", results));
        if (results.Any(r => r.Skill is not null))
        {
            sb.AppendLine(Line("answered by the policy skill", [.. results.Where(r => r.Skill == "policy")]));
        }

        foreach (var miss in results.Where(r => !r.Stated || !r.CitedSection))
        {
            var what = (miss.Stated, miss.CitedSection) switch
            {
                (false, false) => "fact and section missed",
                (false, true) => "fact missed",
                _ => "section missed",
            };
            var by = miss.Skill is null or "policy" ? string.Empty : $" [answered by {miss.Skill}]";
            sb.AppendLine(CultureInfo.InvariantCulture, $"miss ({what}){by}: [{miss.Question.Doc}] {miss.Question.Q} -> want {string.Join(miss.Question.Any ? " | " : " + ", miss.Question.Facts)} in {miss.Question.Section}; got {miss.FirstMessage.Replace('\n', ' ')}");
        }

        return sb.ToString();
    }

    private static string Line(string name, IReadOnlyList<FactResult> results) => string.Create(CultureInfo.InvariantCulture,
        $"{name}: n={results.Count} fact stated={results.Count(r => r.Stated)} section cited={results.Count(r => r.CitedSection)} both={results.Count(r => r.Stated && r.CitedSection)}");

    private static string Compact(string text) => TextNormalizer.ForMatching(text).Replace(" ", string.Empty, StringComparison.Ordinal);
}

/// <summary>One fact question about a document.</summary>
/// <param name="Doc">The document's file name.</param>
/// <param name="Facts">Texts the answer must state (each as written in the document).</param>
/// <param name="Any">True when one of the facts is enough.</param>
/// <param name="Section">Part of the heading the answer should cite.</param>
public sealed record FactQuestion(string Doc, string Q, IReadOnlyList<string> Facts, bool Any, string? Section);

/// <summary>How one fact question was answered.</summary>
public sealed record FactResult(FactQuestion Question, bool Stated, bool CitedSection, string FirstMessage)
{
    /// <summary>The skill that gave the first message, when known (the policy skill, or one the router chose instead).</summary>
    public string? Skill { get; init; }
}
