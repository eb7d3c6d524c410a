using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Text;

namespace CityWarmth.Knowledge.Search;

/// <summary>
/// Which documents a question names by their topic. A worker who asks "工伤材料不齐要补几天" is asking the work-injury
/// guide, and a section of the school-enrolment guide that happens to share the procedure words (材料不齐, 几天) is a
/// wrong answer, however well it matches them. A title's genre and procedure words (申请, 指南, 办理…) and the words
/// every title shares say nothing about the topic, so only the others count.
/// </summary>
internal sealed class DocumentTopics
{
    // Words titles use for the kind of document or the people it serves, not for what it is about.
    private static readonly HashSet<string> GenreWords = new(StringComparer.Ordinal)
    {
        "关于", "开展", "实施", "印发", "通知", "公告", "通告", "意见", "办法", "方案", "规定", "细则", "指南", "指引", "手册",
        "须知", "问答", "说明", "清单", "目录", "一览", "年度", "年版", "工作", "服务", "办事", "办理", "申请", "受理", "活动",
        "农民工", "务工", "进城", "职工", "人员", "市民", "新市民", "我市", "全市", "本市", "示例", "样例", "内容",
    };

    private readonly IReadOnlyList<(string DocumentId, string Title)> _titles;

    private DocumentTopics(IReadOnlyList<(string DocumentId, string Title)> titles) => _titles = titles;

    public static DocumentTopics Of(PolicyCorpus corpus) =>
        new([.. corpus.Documents.Select(d => (d.Id, TextNormalizer.ForMatching(d.Title)))]);

    /// <summary>
    /// The documents whose titles hold a topic word of the question (its own words or their synonyms), or null when
    /// the question names no document's topic, or names the topic of every document. The everyday lexicon's terms
    /// are too general to name a topic.
    /// </summary>
    public IReadOnlySet<string>? NamedBy(QuestionAnalysis analysis)
    {
        if (_titles.Count < 2)
        {
            return null;
        }

        HashSet<string>? named = null;
        foreach (var word in analysis.Words.Concat(analysis.Expansions.Where(e => e.Share >= 1).SelectMany(e => e.Terms)).Distinct(StringComparer.Ordinal))
        {
            if (!IsTopicWord(word))
            {
                continue;
            }

            foreach (var (documentId, title) in _titles)
            {
                if (title.Contains(word, StringComparison.Ordinal))
                {
                    (named ??= new HashSet<string>(StringComparer.Ordinal)).Add(documentId);
                }
            }
        }

        return named is null || named.Count == _titles.Count ? null : named;
    }

    // Two characters or more, no digits (a year in a title is no topic), not a genre or question word.
    private static bool IsTopicWord(string word) =>
        word.Length >= 2
        && !word.Any(char.IsAsciiDigit)
        && !GenreWords.Contains(word)
        && !QuestionAnalysis.IsFunctionWord(word);
}
