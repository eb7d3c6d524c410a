using System.Text.Json.Nodes;
using CityWarmth.Bot.Handoff;
using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Handoff;

namespace CityWarmth.Bot.Tests.Handoff;

/// <summary>Which of a turn's replies asks for a person, when several do.</summary>
public sealed class HandoffRequestTests
{
    private static BotReply Asking(string reason, bool offer = false, string? summary = null) => new()
    {
        Skill = SkillNames.Handoff,
        Text = "…",
        Value = new JsonObject { [HandoffRequest.MarkerKey] = new JsonObject { ["reason"] = reason, ["offer"] = offer, ["summary"] = summary } },
    };

    [Fact]
    public void ARequestBeatsAnOfferAndTheHigherPriorityWins()
    {
        var chosen = HandoffRequest.FromReplies([Asking(HandoffReasons.WageCase, offer: true), Asking(HandoffReasons.Explicit), Asking(HandoffReasons.Crisis), BotReply.Say(SkillNames.Policy, "答复")]);

        Assert.Equal(HandoffReasons.Crisis, chosen?.Reason);
        Assert.Equal(HandoffPriority.Urgent, chosen?.Priority);
        Assert.Equal(HandoffReasons.Explicit, HandoffRequest.FromReplies([Asking(HandoffReasons.WageCase, offer: true), Asking(HandoffReasons.Explicit)])?.Reason);
    }

    [Fact]
    public void OnATieTheFirstReplysRequestIsKeptAndWithoutOneThereIsNone()
    {
        Assert.Equal("第一", HandoffRequest.FromReplies([Asking(HandoffReasons.Explicit, summary: "第一"), Asking(HandoffReasons.Explicit, summary: "第二")])?.Summary);
        Assert.Null(HandoffRequest.FromReplies([BotReply.Say(SkillNames.Policy, "答复")]));
    }
}
