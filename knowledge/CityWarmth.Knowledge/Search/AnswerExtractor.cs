using System.Text;
using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Text;

namespace CityWarmth.Knowledge.Search;

/// <summary>Picks the one to three sentences of a passage that best answer a question (about 120 characters).</summary>
public static class AnswerExtractor
{
    public const int TargetLength = 120;

    // Words in nearly every sentence of a migrant-worker policy; they do not tell sentences apart.
    private static readonly HashSet<string> Ubiquitous = ["农民工", "农民", "民工", "工作", "服务", "开展", "加强"];

    public static string Extract(PolicyPassage passage, QuestionAnalysis question)
    {
        var sentences = SentenceSplitter.Split(passage.Text)
            .Where(s => !IsHeadingOnly(s, passage.Heading))
            .ToList();
        if (sentences.Count == 0)
        {
            return Shorten(passage.Text);
        }

        var terms = question.SentenceTerms().Where(t => !Ubiquitous.Contains(t.Term)).ToList();
        var scores = sentences.Select(s => Score(TextNormalizer.ForMatching(s), terms, question)).ToList();
        var best = 0;
        for (var i = 1; i < scores.Count; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        var answer = new StringBuilder(StripHeading(sentences[best], passage.Heading));
        // Add the next sentence while it fits, for context.
        for (var next = best + 1; next < sentences.Count && answer.Length + sentences[next].Length <= TargetLength; next++)
        {
            if (next > best + 2)
            {
                break;
            }

            answer.Append(sentences[next]);
        }

        return Shorten(answer.ToString());
    }

    private static double Score(string normalizedSentence, List<(string Term, double Weight)> terms, QuestionAnalysis question)
    {
        var score = 0.0;
        foreach (var (term, weight) in terms)
        {
            if (normalizedSentence.Contains(term, StringComparison.Ordinal))
            {
                score += weight;
            }
        }

        foreach (var bigram in question.Bigrams)
        {
            if (normalizedSentence.Contains(bigram, StringComparison.Ordinal))
            {
                score += 0.3;
            }
        }

        return score;
    }

    private static bool IsHeadingOnly(string sentence, string heading) =>
        heading.Length > 0 && sentence.TrimEnd('。', '.', ':', '：').Equals(heading, StringComparison.Ordinal);

    private static string StripHeading(string sentence, string heading) =>
        heading.Length > 0 && sentence.StartsWith(heading, StringComparison.Ordinal) && sentence.Length > heading.Length + 1
            ? sentence[heading.Length..].TrimStart('。', '.', ':', '：')
            : sentence;

    private static string Shorten(string text)
    {
        text = text.Replace('\n', ' ').Trim();
        if (text.Length <= TargetLength + 20)
        {
            return text;
        }

        var cut = text.LastIndexOfAny([',', '，', '、', ';', '；'], TargetLength);
        return (cut > TargetLength / 2 ? text[..cut] : text[..TargetLength]) + "…";
    }
}
