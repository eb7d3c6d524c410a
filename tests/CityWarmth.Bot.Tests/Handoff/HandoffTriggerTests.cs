using System.Text.Json.Nodes;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Handoff;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.Skills.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CityWarmth.Bot.Tests.Handoff;

/// <summary>Handoffs asked for by the skills (the reply marker), and what the worker is told outside office hours.</summary>
public sealed class HandoffTriggerTests
{
    /// <summary>Answers like the skills would: a crisis reply, a confirmed wage case offering a person, or not understood.</summary>
    private sealed class ScriptedEngine : IConversationEngine
    {
        public Task<IReadOnlyList<BotReply>> OnMessageAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken)
        {
            BotReply reply = turn.Text switch
            {
                "不想活了" => new BotReply { Skill = SkillNames.Handoff, Text = "我们很关心您。", Value = new JsonObject { ["handoff"] = new JsonObject { ["reason"] = "crisis" } } },
                "确认登记" => new BotReply { Skill = SkillNames.WageDispute, Text = "已登记。", Value = new JsonObject { ["handoff"] = new JsonObject { ["reason"] = "wageCase", ["offer"] = true, ["caseNumber"] = "WG-1" } } },
                _ => BotReply.Say(SkillNames.Fallback, "没听懂。"),
            };
            state.LastSkill = reply.Skill;
            state.Misunderstandings = reply.Skill == SkillNames.Fallback ? state.Misunderstandings + 1 : 0;
            return Task.FromResult<IReadOnlyList<BotReply>>([reply]);
        }

        public Task<IReadOnlyList<BotReply>> OnWorkerJoinedAsync(UserTurn turn, ConversationState state, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<BotReply>>([]);
    }

    private static BotApp App(FakeTimeProvider? clock = null) => new(
        settings: clock is null ? HandoffTestKit.AlwaysOpen() : null,
        services: s =>
        {
            s.AddSingleton<IConversationEngine, ScriptedEngine>();
            if (clock is not null)
            {
                s.AddSingleton<TimeProvider>(clock);
            }
        });

    [Fact]
    public async Task ACrisisShowsHotlinesFirstAndQueuesAtTopPriority()
    {
        using var app = App();
        try
        {
            using var client = app.CreateHttpClient();
            var replies = await app.AskAsync(client, TestActivities.Message("不想活了"));

            var texts = replies.Where(r => r.Type == ActivityTypes.Message).Select(r => r.Text!).ToList();
            // The hotlines come in the same turn, before anything about the queue.
            var hotlines = texts.FindIndex(t => t.Contains("12356") && t.Contains("110"));
            var queued = texts.FindIndex(t => t.Contains("已为您转人工"));
            Assert.InRange(hotlines, 0, queued - 1);
            var initiate = Assert.Single(replies, r => r.Type == ActivityTypes.Event);
            Assert.Equal("urgent", (string?)initiate.Value!["priority"]);
            Assert.Equal("crisis", (string?)initiate.Value!["category"]);
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>().CreateDbContextAsync();
            Assert.Equal(HandoffPriority.Urgent, (await db.Handoffs.SingleAsync()).Priority);
        }
        finally
        {
            app.DeleteData();
        }
    }

    [Fact]
    public async Task TheSkillsRequestForAPersonIsNotSentToTheChannel()
    {
        // The skills ask for a person with a marker in a reply; the channel gets the handoff event and the reply's
        // text, never the marker in channelData.
        using var app = new BotApp(settings: HandoffTestKit.AlwaysOpen());
        try
        {
            using var client = app.CreateHttpClient();
            var replies = await app.AskAsync(client, TestActivities.Message("我不想活了", "conv-marker"));

            Assert.Contains(replies, r => r.Type == ActivityTypes.Event && r.Name == HandoffEventNames.Initiate);
            Assert.Contains(replies, r => r.Type == ActivityTypes.Message && r.ChannelData?["skill"]?.GetValue<string>() == "handoff");
            Assert.All(replies, r => Assert.False(r.ChannelData is JsonObject data && data.ContainsKey("handoff"), r.ChannelData?.ToJsonString()));
        }
        finally
        {
            app.DeleteData();
        }
    }

    [Fact]
    public async Task AConfirmedWageCaseAndTwoMisunderstandingsOnlyOfferAPerson()
    {
        using var app = App();
        try
        {
            using var client = app.CreateHttpClient();
            var wage = await app.AskAsync(client, TestActivities.Message("确认登记"));
            await app.AskAsync(client, TestActivities.Message("啊啊"));
            var second = await app.AskAsync(client, TestActivities.Message("哦哦"));

            Assert.DoesNotContain(wage, r => r.Type == ActivityTypes.Event);
            // The offer is a button on the skill's own reply, which says what comes next: no apology after it.
            var offer = Assert.Single(wage);
            Assert.Equal("已登记。", offer.Text);
            Assert.Contains(offer.SuggestedActions!.Actions, a => (string?)a.Value == "转人工");
            Assert.Contains(second, r => r.Text == HandoffText.OfferAfterFailures);
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>().CreateDbContextAsync();
            Assert.Empty(await db.Handoffs.ToListAsync());
        }
        finally
        {
            app.DeleteData();
        }
    }

    [Fact]
    public async Task OutsideOfficeHoursTheWorkerHearsTheCaseIsRecordedAndWhen()
    {
        // Saturday 22:00 in Beijing.
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 7, 14, 0, 0, TimeSpan.Zero));
        using var app = App(clock);
        try
        {
            using var client = app.CreateHttpClient();
            var replies = await app.AskAsync(client, TestActivities.Message("转人工"));

            var ack = Assert.Single(replies, r => r.Type == ActivityTypes.Message);
            Assert.Contains("不是人工服务时间", ack.Text);
            Assert.Contains("已经记下", ack.Text);
            Assert.Contains("6月9日（周一）09:00", ack.Text);
            Assert.Contains(replies, r => r.Name == HandoffEventNames.Initiate);
        }
        finally
        {
            app.DeleteData();
        }
    }
}
