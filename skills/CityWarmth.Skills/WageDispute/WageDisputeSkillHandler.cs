using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Policy;
using CityWarmth.Skills.Routing;

namespace CityWarmth.Skills.WageDispute;

/// <summary>
/// The wage intake as the router calls it: it holds the conversation until the case is confirmed or dropped.
/// A new intake opens with the policy it rests on, cited like any policy answer, when the knowledge base has it.
/// </summary>
public sealed class WageDisputeSkillHandler(WageIntakeSkill intake, PolicyLookupSkill? policy = null) : IConversationalSkill
{
    // What the intake is about, in the words policy uses; added to the worker's words to find the rules that apply.
    private const string PolicyTopic = "农民工工资 欠薪 维权";

    public string Name => SkillNames.WageDispute;

    public bool IsActive(ConversationState state) => WageIntakeSkill.IsActive(state);

    public async Task<IReadOnlyList<BotReply>> HandleAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken)
    {
        var resuming = IsActive(state);
        var replies = (await intake.StartAsync(turn, state, null, cancellationToken)).Replies;
        if (resuming || policy is null || replies.Count == 0)
        {
            return replies;
        }

        var basis = policy.Basis(turn.Text, PolicyTopic);
        if (basis.Count == 0)
        {
            return replies;
        }

        var opening = replies[0] with
        {
            Text = $"{replies[0].Text}\n相关政策：{basis[0].Name}",
            Citations = basis,
        };
        return [opening, .. replies.Skip(1)];
    }

    public bool ExpectsAsAnswer(UserTurn turn, ConversationState state) => WageIntakeSkill.ExpectsAsAnswer(turn.Text, state);

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
