using System.Text.Json;

namespace CityWarmth.Knowledge.Search;

/// <summary>
/// Scores retrieval on a question file (JSON lines <c>{"q": "...", "gold": ["二(四)"]}</c>): hit@1, hit@3 and MRR
/// of the section keys of the hits, counting each section once.
/// </summary>
public sealed class PolicyEvaluation(IPolicySearch search)
{
    private const int Depth = 10;

    public EvaluationReport RunFile(string path) => Run(ReadQuestions(path));

    public EvaluationReport Run(IEnumerable<EvaluationQuestion> questions)
    {
        var results = new List<EvaluationResult>();
        foreach (var question in questions)
        {
            var sections = search.Search(question.Q, Depth).Hits.Select(h => h.SectionKey).Distinct().ToList();
            var rank = sections.FindIndex(s => question.Gold.Contains(s)) + 1;
            results.Add(new EvaluationResult(question.Q, question.Gold, sections.Take(3).ToList(), rank));
        }

        double Share(Func<EvaluationResult, bool> ok) => results.Count == 0 ? 0 : (double)results.Count(ok) / results.Count;
        return new EvaluationReport(
            results.Count,
            Share(r => r.Rank == 1),
            Share(r => r.Rank is >= 1 and <= 3),
            results.Count == 0 ? 0 : results.Sum(r => r.Rank > 0 ? 1.0 / r.Rank : 0) / results.Count,
            results);
    }

    public static IReadOnlyList<EvaluationQuestion> ReadQuestions(string path)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        return [.. File.ReadLines(path)
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonSerializer.Deserialize<EvaluationQuestion>(l, options)
                ?? throw new InvalidDataException("Empty question line."))];
    }
}

/// <summary>One question with the section keys that answer it.</summary>
public sealed record EvaluationQuestion(string Q, IReadOnlyList<string> Gold);

/// <summary>How one question fared; <paramref name="Rank"/> is 0 when no gold section was in the hits.</summary>
public sealed record EvaluationResult(string Question, IReadOnlyList<string> Gold, IReadOnlyList<string> Top3, int Rank);

/// <summary>Scores over a question set.</summary>
public sealed record EvaluationReport(int Count, double HitAt1, double HitAt3, double Mrr, IReadOnlyList<EvaluationResult> Results);
