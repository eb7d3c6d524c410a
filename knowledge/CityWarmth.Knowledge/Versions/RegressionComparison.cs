using System.Text.Json;
using CityWarmth.Knowledge.Search;

namespace CityWarmth.Knowledge.Versions;

/// <summary>
/// A saved regression question: the question and what answers it. Gold entries are section keys (<c>二(四)</c>),
/// document-qualified section keys (<c>chengnuan-2023:二(四)</c>) or passage ids (<c>chengnuan-2023-p07</c>).
/// </summary>
public sealed record RegressionQuestion(string Q, IReadOnlyList<string> Gold)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Reads JSON lines (<c>{"q": "...", "gold": ["二(四)"]}</c>); blank lines are skipped.</summary>
    /// <exception cref="FormatException">A line is not a question with at least one gold entry.</exception>
    public static IReadOnlyList<RegressionQuestion> ParseLines(string text)
    {
        var result = new List<RegressionQuestion>();
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            RegressionQuestion? question;
            try
            {
                question = JsonSerializer.Deserialize<RegressionQuestion>(line, Json);
            }
            catch (JsonException ex)
            {
                throw new FormatException($"Line {number} is not valid JSON: {ex.Message}", ex);
            }

            if (question is null || string.IsNullOrWhiteSpace(question.Q) || question.Gold is null || question.Gold.Count == 0)
            {
                throw new FormatException($"Line {number} needs \"q\" and a non-empty \"gold\" list.");
            }

            result.Add(question);
        }

        return result;
    }

    public static string ToLines(IEnumerable<RegressionQuestion> questions) =>
        string.Join('\n', questions.Select(q => JsonSerializer.Serialize(q, Json))) + "\n";

    /// <summary>True when <paramref name="hit"/> is one of the gold answers.</summary>
    public bool IsAnsweredBy(PolicySearchHit hit) => Gold.Any(g =>
        g == hit.PassageId || g == hit.SectionKey && hit.SectionKey.Length > 0 || g == $"{hit.DocumentId}:{hit.SectionKey}");
}

/// <summary>How one question fares on the published knowledge and on the candidate; ranks are 1-based, 0 = not found.</summary>
public sealed record RegressionOutcome(string Question, IReadOnlyList<string> Gold, int BaselineRank, int CandidateRank,
    string? BaselineTop, string? CandidateTop)
{
    /// <summary>-1 worse, 0 same, 1 better.</summary>
    public int Change => Score(CandidateRank).CompareTo(Score(BaselineRank));

    internal static double Score(int rank) => rank > 0 ? 1.0 / rank : 0;
}

/// <summary>The regression run of a candidate (the draft) against a baseline (the published version).</summary>
public sealed record RegressionComparison(IReadOnlyList<RegressionOutcome> Outcomes)
{
    public double BaselineMrr => Mean(o => RegressionOutcome.Score(o.BaselineRank));
    public double CandidateMrr => Mean(o => RegressionOutcome.Score(o.CandidateRank));
    public double BaselineHitAt3 => Mean(o => o.BaselineRank is >= 1 and <= 3 ? 1 : 0);
    public double CandidateHitAt3 => Mean(o => o.CandidateRank is >= 1 and <= 3 ? 1 : 0);

    public IReadOnlyList<RegressionOutcome> Better => [.. Outcomes.Where(o => o.Change > 0)];
    public IReadOnlyList<RegressionOutcome> Worse => [.. Outcomes.Where(o => o.Change < 0)];

    /// <summary>A drop: any question ranks its answer lower than before. Publishing then needs confirmation.</summary>
    public bool HasDrop => Outcomes.Any(o => o.Change < 0);

    private double Mean(Func<RegressionOutcome, double> score) =>
        Outcomes.Count == 0 ? 0 : Math.Round(Outcomes.Average(score), 4);

    private const int Depth = 10;

    public static RegressionComparison Run(IEnumerable<RegressionQuestion> questions, IPolicySearch baseline, IPolicySearch candidate)
    {
        var outcomes = new List<RegressionOutcome>();
        foreach (var question in questions)
        {
            var (baseRank, baseTop) = Rank(baseline, question);
            var (candidateRank, candidateTop) = Rank(candidate, question);
            outcomes.Add(new RegressionOutcome(question.Q, question.Gold, baseRank, candidateRank, baseTop, candidateTop));
        }

        return new RegressionComparison(outcomes);
    }

    // Ranks count sections, not passages: two passages of one section are one answer.
    private static (int Rank, string? Top) Rank(IPolicySearch search, RegressionQuestion question)
    {
        var hits = search.Search(question.Q, Depth).Hits.DistinctBy(h => (h.DocumentId, h.SectionKey.Length > 0 ? h.SectionKey : h.PassageId)).ToList();
        var rank = hits.FindIndex(question.IsAnsweredBy) + 1;
        var top = hits.FirstOrDefault();
        return (rank, top is null ? null : $"{top.DocumentId}:{(top.SectionKey.Length > 0 ? top.SectionKey : top.PassageId)}");
    }
}
