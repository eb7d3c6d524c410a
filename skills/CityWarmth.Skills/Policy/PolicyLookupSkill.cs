using System.Runtime.CompilerServices;
using CityWarmth.Knowledge.Search;
using CityWarmth.Knowledge.Text;
using CityWarmth.Skills.Conversation;

namespace CityWarmth.Skills.Policy;

/// <summary>
/// Answers a policy question with a short extractive answer, its source line and up to three citations;
/// gives the likeliest answer, said to be a guess, when unsure, and offers a person when nothing matches. Replies are in simplified script; the router
/// converts them for a worker who writes traditional.
/// </summary>
public sealed class PolicyLookupSkill(IPolicySearch search, IUnansweredQuestionSink? unanswered = null)
{
    /// <summary>At or above: answer directly.</summary>
    public const double AnswerThreshold = 0.45;

    /// <summary>At or above (and below <see cref="AnswerThreshold"/>): offer the top sections to choose from.</summary>
    // Confidence weighs the question's words by how much they say (WordWeights), so one telling word matched among
    // everyday ones already lands here; below it, nothing the worker said is in the knowledge base.
    public const double SuggestThreshold = 0.15;

    public const string HandoffButton = "转人工";

    private const int MaxCitations = 3;

    // One depth for every search of a question, so answering after asking for the confidence hits the search cache.
    private const int SearchDepth = 5;

    // The search cache hands out the same hit objects for the same question until the index changes, so what a reply
    // quotes from a hit is worked out once per hit rather than on every turn; entries go when their hits do.
    private static readonly ConditionalWeakTable<PolicySearchHit, Quote> Quotes = new();

    // Likewise a direct answer's text, buttons and citations depend on the search result alone (each turn adds only
    // its own note): built once per result, and shared read-only by every reply that gives it.
    private static readonly ConditionalWeakTable<PolicySearchResult, AnswerParts> Answers = new();

    /// <summary>How confidently the knowledge base answers <paramref name="question"/> (0..1), before answering it.</summary>
    public double Confidence(string question) => search.Search(question, SearchDepth).Confidence;

    /// <summary>
    /// The passages behind a task another skill carries out (the wage intake cites the rules on wage arrears):
    /// searched with the worker's words plus the task's <paramref name="topic"/>, one section per document, best first.
    /// Empty when nothing matches well enough to be worth citing.
    /// </summary>
    public IReadOnlyList<Citation> Basis(string question, string topic, int max = 2)
    {
        var result = search.Search($"{question} {topic}", SearchDepth);
        return result.Confidence < SuggestThreshold
            ? []
            : [.. DistinctSections(result.Hits).DistinctBy(h => h.DocumentId).Take(max).Select(ToCitation)];
    }

    public Task<IReadOnlyList<BotReply>> AnswerAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = search.Search(turn.Text, SearchDepth);
        IReadOnlyList<BotReply> replies;
        if (result.Confidence < AnswerThreshold)
        {
            var offered = DistinctSections(result.Hits).Take(3).Select(h => h.PassageId).ToList();
            var reason = result.Hits.Count == 0 ? UnansweredReason.NotFound : UnansweredReason.LowConfidence;
            unanswered?.Record(turn.Text, reason, result.Confidence, offered, null);
            AnswerFeedback.Note(state, turn.Text, reason == UnansweredReason.NotFound ? QuestionOutcomes.NotFound : QuestionOutcomes.LowConfidence,
                offered, result.Confidence);
        }

        if (result.Hits.Count == 0 || result.Confidence < SuggestThreshold)
        {
            replies = [BotReply.Say(SkillNames.Policy,
                "抱歉,政策资料里没有找到和您的问题对应的内容。可以换个说法再问,或者转人工客服。",
                ReplyButton.Of(HandoffButton))];
        }
        else if (result.Confidence < AnswerThreshold)
        {
            replies = [Tentative(result)];
        }
        else
        {
            replies = [Answer(turn.Text, result, state)];
        }

        return Task.FromResult(replies);
    }

    /// <summary>
    /// The likeliest sections for a question the knowledge base cannot answer outright, as buttons that ask about
    /// each (cited, so the worker can open it), or null when nothing is likely enough.
    /// </summary>
    public BotReply? Suggest(string question)
    {
        var result = search.Search(question, SearchDepth);
        return result.Hits.Count == 0 || result.Confidence < SuggestThreshold ? null : Suggestions(result);
    }

    // Not sure enough to answer: offer the likeliest sections, each cited so the worker can open it.
    private static BotReply Suggestions(PolicySearchResult result)
    {
        var candidates = DistinctSections(result.Hits).Take(3).ToList();
        var choices = candidates
            .Select(h => new ReplyButton(ShortHeading(h), ShortHeading(h)))
            .Append(ReplyButton.Of(HandoffButton))
            .ToArray();
        return BotReply.Ask(SkillNames.Policy, "您是想问:", choices) with { Citations = [.. candidates.Select(ToCitation)] };
    }

    // Not sure, yet a worker is better served by the likeliest answer, said to be a guess, than by headings to pick
    // from: the answer and its source first, then the other likely sections and a person as buttons.
    private static BotReply Tentative(PolicySearchResult result)
    {
        var best = result.Hits[0];
        var candidates = DistinctSections(result.Hits).Take(3).ToList();
        var choices = candidates.Skip(1)
            .Select(h => new ReplyButton(ShortHeading(h), ShortHeading(h)))
            .Prepend(ReplyButton.Link("原文", KbUrl(best.PassageId)))
            .Append(ReplyButton.Of(HandoffButton))
            .ToArray();
        var text = $"{QuoteOf(best).AnswerWithSource}\n{TentativeNote}";
        return BotReply.Ask(SkillNames.Policy, text, choices) with { Citations = [.. candidates.Select(ToCitation)] };
    }

    /// <summary>Said under an answer the knowledge base is not sure of.</summary>
    public const string TentativeNote = "不确定这是不是您要问的。不是的话,看看下面几条,或者转人工。";

    private static BotReply Answer(string question, PolicySearchResult result, ConversationState state)
    {
        var answer = Answers.GetValue(result, BuildAnswer);
        var note = AnswerFeedback.Note(state, question, QuestionOutcomes.Answered, answer.PassageIds, result.Confidence);
        foreach (var section in answer.SectionKeys)
        {
            if (!state.CitedSections.Contains(section))
            {
                state.CitedSections.Add(section);
            }
        }

        return new BotReply
        {
            Skill = SkillNames.Policy,
            Text = answer.Text,
            Buttons = answer.Buttons,
            Citations = answer.Citations,
            // Workers can rate a direct answer (Teams and Web Chat feedback buttons).
            Value = AnswerFeedback.Marker(note),
        };
    }

    // The best hit's answer and source, a link to it, the other cited sections as buttons, and a person.
    private static AnswerParts BuildAnswer(PolicySearchResult result)
    {
        var best = result.Hits[0];
        var cited = DistinctSections(result.Hits).Take(MaxCitations).ToList();
        var buttons = new List<ReplyButton> { ReplyButton.Link("原文", KbUrl(best.PassageId)) };
        buttons.AddRange(cited.Skip(1).Take(2).Select(h => ReplyButton.Of(ShortHeading(h))));
        buttons.Add(ReplyButton.Of(HandoffButton));
        return new AnswerParts(
            QuoteOf(best).AnswerWithSource,
            buttons.ToArray(),
            [.. cited.Select(ToCitation)],
            [.. cited.Select(h => h.PassageId).Distinct()],
            [.. cited.Select(h => h.SectionKey).Where(key => key.Length > 0).Distinct()]);
    }

    /// <summary>The citation for a hit: title plus the heading as written (simplified), an excerpt, the kb page.</summary>
    public static Citation ToCitation(PolicySearchHit hit) => QuoteOf(hit).Citation;

    private static Quote QuoteOf(PolicySearchHit hit) => Quotes.GetValue(hit, static h => new Quote(
        new Citation($"{h.DocumentTitle} {h.Heading}".Trim(), Excerpt(h.Text), KbUrl(h.PassageId)),
        BuildShortHeading(h),
        $"{h.Answer}\n{SourceLine(h)}"));

    public static string KbUrl(string passageId) => $"/kb/{Uri.EscapeDataString(passageId)}";

    private static IEnumerable<PolicySearchHit> DistinctSections(IEnumerable<PolicySearchHit> hits) =>
        hits.DistinctBy(h => (h.DocumentId, h.SectionKey));

    // Six issuing offices make a source line longer than the answer on a phone: name the first, count the rest.
    private static string ShortIssuer(string issuer)
    {
        var issuers = issuer.Split([' ', '、', ','], StringSplitOptions.RemoveEmptyEntries);
        return issuers.Length <= 1 ? issuer : $"{issuers[0]}等{issuers.Length}部门";
    }

    /// <summary>
    /// "来源:《title》heading(issuer,date)" from whatever the document's metadata holds: an uploaded handbook may have
    /// no issuer or date, and then no empty brackets are printed.
    /// </summary>
    public static string SourceLine(PolicySearchHit hit)
    {
        var title = hit.DocumentTitle.Trim();
        var heading = hit.Heading.Trim();
        var details = string.Join(',', new[] { ShortIssuer(hit.Issuer.Trim()), hit.Date is { } date ? $"{date:yyyy年M月d日}" : string.Empty }
            .Where(part => part.Length > 0));
        var source = title.Length > 0 ? $"《{title}》{heading}" : heading;
        if (details.Length > 0)
        {
            source += $"({details})";
        }

        return source.Length > 0 ? $"来源:{source}" : "来源:知识库";
    }

    private static string ShortHeading(PolicySearchHit hit) => QuoteOf(hit).ShortHeading;

    // "(四)改善农民工居住条件" → "改善农民工居住条件": the number means nothing on a button.
    private static string BuildShortHeading(PolicySearchHit hit)
    {
        var heading = hit.Heading.Length > 0 ? hit.Heading : hit.DocumentTitle;
        return Knowledge.Documents.PassageSplitter.TryParseNumbering(heading, out _, out _, out var length)
            ? heading[length..].Trim()
            : heading;
    }

    private static string Excerpt(string text)
    {
        var flat = text.Replace('\n', ' ').Trim();
        return flat.Length <= 160 ? flat : flat[..160] + "…";
    }

    /// <summary>What a direct answer to one search result says and cites.</summary>
    /// <param name="PassageIds">The cited passages, for the question's note.</param>
    /// <param name="SectionKeys">The cited sections, for the conversation's list of what it was shown.</param>
    private sealed record AnswerParts(
        string Text,
        IReadOnlyList<ReplyButton> Buttons,
        IReadOnlyList<Citation> Citations,
        IReadOnlyList<string> PassageIds,
        IReadOnlyList<string> SectionKeys);

    /// <summary>What replies quote from one hit.</summary>
    /// <param name="AnswerWithSource">The extractive answer and its source line, as an answer's text.</param>
    private sealed record Quote(Citation Citation, string ShortHeading, string AnswerWithSource);
}
