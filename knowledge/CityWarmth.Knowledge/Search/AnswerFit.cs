using CityWarmth.Knowledge.Analysis;
using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Text;
using Lucene.Net.Analysis;

namespace CityWarmth.Knowledge.Search;

/// <summary>
/// How well a passage fits what a question asks for, beyond sharing its words: whether it holds a value of the kind
/// asked for (a phone number, a time limit...) next to the question's words, and whether its heading says what the
/// question is about ("产假" for a question about maternity leave, "咨询电话" for one asking for a number).
/// </summary>
public static class AnswerFit
{
    // A passage holding the kind of value asked for ranks higher the more of the question the unit holding it says
    // (the row of the place asked about, not another row); one whose heading names that kind of thing ("申请时限"
    // for "多少天") a little higher again.
    private const double AnswerPresentBoost = 0.6;
    private const double HeadingCueBoost = 0.15;

    // A heading the question says in full, with the kind asked for ("申请时间" for "什么时候申请"), is the section
    // that answers it even when the body shares few of the question's words.
    private const double HeadingAgreementBoost = 0.3;

    /// <summary>The heading's telling words with their weights, for <see cref="HeadingAgreement"/>.</summary>
    public static IReadOnlyList<(string Word, double Weight)> HeadingWords(PolicyPassage passage, Analyzer words)
    {
        var heading = passage.Heading;
        if (PassageSplitter.TryParseNumbering(heading, out _, out _, out var length))
        {
            heading = heading[length..];
        }

        return [.. ChineseAnalyzers.Tokens(words, TextNormalizer.ForMatching(heading))
            .Where(w => w.Any(SourceCleaner.IsIdeograph) && !QuestionAnalysis.IsFunctionWord(w))
            .Distinct()
            .Select(w => (w, (double)WordWeights.Default.Of(w)))];
    }

    /// <summary>The factor a passage's search score is multiplied by: 1 when the question asks for no kind of value.</summary>
    public static double RankFactor(PassageUnits passage, IReadOnlyList<(string Word, double Weight)> headingWords,
        QuestionAnalysis question, List<(string Term, double Weight)> terms)
    {
        var wanted = question.Kinds & ~AnswerKind.YesNo;
        if (wanted == AnswerKind.None || (passage.Held & wanted) == 0)
        {
            return 1;
        }

        terms = passage.WithinDocument(terms);
        var total = terms.Sum(t => t.Weight);
        var said = total <= 0 ? 0 : passage.Units
            .Where(u => (u.Held & wanted) != 0)
            .Select(u => terms.Where(t => u.Normalized.Contains(t.Term, StringComparison.Ordinal)).Sum(t => t.Weight) / total)
            .DefaultIfEmpty(0)
            .Max();
        var cue = AnswerKinds.Cues(wanted).Any(c => passage.HeadingNormalized.Contains(c, StringComparison.Ordinal));
        return (1 + AnswerPresentBoost * Math.Min(1, said) + (cue ? HeadingCueBoost : 0))
            * (1 + HeadingAgreementBoost * HeadingAgreement(headingWords, question));
    }

    /// <summary>
    /// The share (by weight) of the heading's words the question says, itself, through a synonym, or by asking for
    /// the kind of thing the heading names (a question asking "几点开门" says "开放时间").
    /// </summary>
    public static double HeadingAgreement(IReadOnlyList<(string Word, double Weight)> headingWords, QuestionAnalysis question)
    {
        double found = 0, total = 0;
        var cues = AnswerKinds.Cues(question.Kinds).ToList();
        foreach (var (word, weight) in headingWords)
        {
            total += weight;
            if (question.Normalized.Contains(word, StringComparison.Ordinal)
                || question.Expansions.Any(e => e.Terms.Any(t => t.Contains(word, StringComparison.Ordinal)))
                || cues.Any(c => word.Contains(c, StringComparison.Ordinal) || c.Contains(word, StringComparison.Ordinal)))
            {
                found += weight;
            }
        }

        return total == 0 ? 0 : found / total;
    }
}
