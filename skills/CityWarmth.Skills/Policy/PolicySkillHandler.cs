using CityWarmth.Knowledge.Search;
using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Llm;
using CityWarmth.Skills.Routing;

namespace CityWarmth.Skills.Policy;

/// <summary>The policy lookup as the router calls it.</summary>
public sealed class PolicySkillHandler(PolicyLookupSkill policy) : IConfidentSkill
{
    public string Name => SkillNames.Policy;

    public double AnswerThreshold => PolicyLookupSkill.AnswerThreshold;

    public double SuggestThreshold => PolicyLookupSkill.SuggestThreshold;

    public double Confidence(UserTurn turn) => policy.Confidence(turn.Text);

    public BotReply? Suggest(UserTurn turn) => policy.Suggest(turn.Text);

    public Task<IReadOnlyList<BotReply>> HandleAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken) =>
        policy.AnswerAsync(turn, state, cancellationToken);
}

/// <summary>Passages for a model to quote, straight from the published knowledge base, each with its citation.</summary>
public sealed class KnowledgePassageSearch(IPolicySearch search) : IPolicyPassageSearch
{
    private const int MaxPassages = 4;

    public Task<IReadOnlyList<CitedPassage>> SearchAsync(string query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var hits = search.Search(query, MaxPassages).Hits;
        return Task.FromResult<IReadOnlyList<CitedPassage>>([.. hits.Select(h => new CitedPassage(h.Text, PolicyLookupSkill.ToCitation(h)))]);
    }
}
