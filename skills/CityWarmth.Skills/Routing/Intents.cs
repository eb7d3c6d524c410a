using CityWarmth.Skills.Conversation;

namespace CityWarmth.Skills.Routing;

/// <summary>The labels of the example utterances: the skills, plus small talk and the two control intents.</summary>
public static class Intents
{
    public const string Policy = SkillNames.Policy;
    public const string WageDispute = SkillNames.WageDispute;
    public const string JobSearch = SkillNames.JobSearch;
    public const string Handoff = SkillNames.Handoff;
    public const string Help = SkillNames.Help;

    /// <summary>
    /// "我的登记怎么样了": how one's own filed wage case is going. Answered from the case by the wage skill's progress
    /// reply, not by a skill of its own.
    /// </summary>
    public const string CaseStatus = "caseStatus";

    /// <summary>Jokes, weather, chit-chat: answered with the scope message and the menu.</summary>
    public const string SmallTalk = "smalltalk";

    /// <summary>"取消", "算了": leave the open intake.</summary>
    public const string Cancel = "cancel";

    /// <summary>"继续登记": go back to the open intake.</summary>
    public const string Continue = "continue";

    public static IReadOnlyList<string> All { get; } = [Policy, WageDispute, CaseStatus, JobSearch, Handoff, Help, SmallTalk, Cancel, Continue];

    /// <summary>Intents that name a skill doing real work (offered as buttons when the router must ask).</summary>
    public static bool IsTask(string intent) => intent is Policy or WageDispute or JobSearch or Handoff;
}
