using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Routing;

namespace CityWarmth.Skills.WageDispute;

/// <summary>The wage intake as the router calls it: it holds the conversation until the case is confirmed or dropped.</summary>
public sealed class WageDisputeSkillHandler(WageIntakeSkill intake) : IConversationalSkill
{
    public string Name => SkillNames.WageDispute;

    public bool IsActive(ConversationState state) => WageIntakeSkill.IsActive(state);

    public async Task<IReadOnlyList<BotReply>> HandleAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken) =>
        (await intake.StartAsync(turn, state, null, cancellationToken)).Replies;

    public async Task<SkillContinuation> ContinueAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken)
    {
        var result = await intake.ContinueAsync(turn, state, cancellationToken);
        return result.Outcome == WageIntakeOutcome.Interrupted ? SkillContinuation.NotForMe : SkillContinuation.Took(result.Replies);
    }

    public Task<IReadOnlyList<BotReply>> ResumeAsync(ConversationState state, CancellationToken cancellationToken) =>
        Task.FromResult(intake.Resume(state));

    public void Cancel(ConversationState state)
    {
        state.WageIntake = null;
        state.ActiveSkill = null;
    }
}
