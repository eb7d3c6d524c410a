namespace CityWarmth.Skills.Conversation;

/// <summary>The names stamped on every reply as <c>channelData.skill</c>; analytics and tests read them.</summary>
public static class SkillNames
{
    public const string Policy = "policy";
    public const string WageDispute = "wageDispute";
    public const string JobSearch = "jobSearch";
    public const string Handoff = "handoff";
    public const string Help = "help";
    public const string Fallback = "fallback";
}
