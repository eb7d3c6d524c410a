using System.Text;
using CityWarmth.Bot.Conversations;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.WeChat;
using CityWarmth.Skills.Conversation;
using CityWarmth.WeChat;

namespace CityWarmth.Bot.Tests.WeChat;

/// <summary>How replies look on WeChat, and how a number finds its choice again.</summary>
public sealed class WeChatRendererTests
{
    private const string BaseUrl = "https://bot.example.org";

    private static readonly Activity Inbound = new()
    {
        Type = ActivityTypes.Message,
        ChannelId = WeChatActivities.ChannelId,
        From = new ChannelAccount { Id = "oA", Role = RoleTypes.User },
        Recipient = new ChannelAccount { Id = "gh_1", Role = RoleTypes.Bot },
        Conversation = new ConversationAccount { Id = "wechat:oA" },
    };

    private static Activity Reply(BotReply reply) => ReplyFactory.ToActivity(Inbound, reply, BaseUrl);

    private static string Text(IReadOnlyList<WeChatOutbound> messages) => ((WeChatText)Assert.Single(messages)).Content;

    [Fact]
    public void ButtonsBecomeNumberedChoicesAndANumberFindsThemAgain()
    {
        var reply = Reply(BotReply.Say("help", "您想办哪件事？", new ReplyButton("问政策", "我想了解城暖农民工政策"), ReplyButton.Of("转人工")));

        var text = Text(WeChatRenderer.Render([reply]));

        Assert.Equal("您想办哪件事？\n\n回复 1：问政策\n回复 2：转人工", text);
        var offered = WeChatChoices.LastOffered([Inbound, reply]);
        Assert.Equal("我想了解城暖农民工政策", offered[WeChatChoices.NumberIn("1")!.Value - 1].Value);
    }

    [Fact]
    public void CardButtonsAreNumberedUnderTheirCardsAndTheRestAfter()
    {
        var reply = Reply(new BotReply
        {
            Skill = "jobSearch",
            Text = "找到2个岗位：",
            Cards =
            [
                new ReplyCard("保安", "4000元/月 · 东湖区", "包吃包住", [new ReplyButton("详情", "详情 J1")]),
                new ReplyCard("电工", "6000元/月 · 西城区", null, [new ReplyButton("详情", "详情 J2"), ReplyButton.Link("报名", "/apply/J2")]),
            ],
            Buttons = [ReplyButton.Of("更多"), new ReplyButton("打12333", "tel:12333", ButtonKind.Call)],
        });

        var text = Text(WeChatRenderer.Render([reply]));

        Assert.Equal(
            "找到2个岗位：\n【保安】4000元/月 · 东湖区\n包吃包住\n回复 1：详情\n【电工】6000元/月 · 西城区\n"
            + "<a href=\"https://bot.example.org/apply/J2\">报名</a>\n回复 2：详情\n打12333：12333\n\n回复 3：更多", text);
        Assert.Equal(["详情 J1", "详情 J2", "更多"], WeChatChoices.LastOffered([reply]).Select(c => c.Value));
    }

    [Fact]
    public void ATurnsMessagesAreJoinedAndOnlyTheLastChoicesNumbered()
    {
        var first = Reply(BotReply.Say("fallback", "第一段", ReplyButton.Of("甲")));
        var second = Reply(BotReply.Say("help", "第二段", ReplyButton.Of("乙")));
        var handoffEvent = Inbound.CreateReply(ActivityTypes.Event);

        var text = Text(WeChatRenderer.Render([first, second, handoffEvent]));

        Assert.Equal("第一段\n\n也可以回复：“甲”\n\n第二段\n\n回复 1：乙", text);
        Assert.Equal("乙", Assert.Single(WeChatChoices.LastOffered([Inbound, first, second])).Value);
    }

    [Fact]
    public void CitationsBecomeASourceLineWithTheKbLink()
    {
        var reply = Reply(new BotReply
        {
            Skill = "policy",
            Text = "子女可以在居住地入学。",
            Citations = [new Citation("城暖通知 (四)子女教育", "……", "/kb/p-4"), new Citation("手册", "……", "/kb/h-1"), new Citation("第三", "……", "/kb/x")],
        });

        var text = Text(WeChatRenderer.Render([reply]));

        Assert.Equal("子女可以在居住地入学。\n来源：<a href=\"https://bot.example.org/kb/p-4\">《城暖通知 (四)子女教育》</a>；"
            + "<a href=\"https://bot.example.org/kb/h-1\">《手册》</a>", text);
    }

    [Fact]
    public void ATextThatNamesItsSourceGetsOnlyTheLink()
    {
        var withButton = Reply(new BotReply
        {
            Skill = "policy",
            Text = "可以。\n来源:《城暖通知》",
            Citations = [new Citation("城暖通知", "……", "/kb/p-4")],
            Buttons = [ReplyButton.Link("原文", "/kb/p-4")],
        });
        var withoutButton = Reply(new BotReply { Skill = "policy", Text = "可以。\n来源:《城暖通知》", Citations = [new Citation("城暖通知", "……", "/kb/p-4")] });

        Assert.Equal("可以。\n来源:《城暖通知》\n<a href=\"https://bot.example.org/kb/p-4\">原文</a>", Text(WeChatRenderer.Render([withButton])));
        Assert.Equal("可以。\n来源:《城暖通知》\n<a href=\"https://bot.example.org/kb/p-4\">原文</a>", Text(WeChatRenderer.Render([withoutButton])));
    }

    [Fact]
    public void LongRepliesAreSplitWithinWeChatsLimitWithoutBreakingCharacters()
    {
        var paragraph = string.Concat(Enumerable.Repeat("工资要按月足额发放😀。", 60));
        var reply = Reply(BotReply.Say("policy", paragraph + "\n" + paragraph + "\n" + new string('长', 1500), ReplyButton.Of("转人工")));

        var messages = WeChatRenderer.Render([reply]);

        Assert.True(messages.Count >= 3);
        Assert.All(messages, m => Assert.InRange(Encoding.UTF8.GetByteCount(((WeChatText)m).Content), 1, WeChatText.MaxBytes));
        var joined = string.Concat(messages.Select(m => ((WeChatText)m).Content));
        // No surrogate pair (the emoji) was cut in two.
        Assert.All(messages, m => Assert.False(char.IsHighSurrogate(((WeChatText)m).Content[^1])));
        Assert.DoesNotContain('\uFFFD', joined);
        Assert.EndsWith("回复 1：转人工", ((WeChatText)messages[^1]).Content);
        Assert.Contains(paragraph, joined.Replace("\n", ""));
    }

    [Fact]
    public void ASingleLinkedCardIsANewsArticle()
    {
        var reply = Reply(new BotReply { Skill = "jobSearch", Cards = [new ReplyCard("东湖区招聘会", "周六 9:00", "线上直播", [ReplyButton.Link("看直播", "https://live.example.org/1")])] });

        var news = Assert.IsType<WeChatNews>(Assert.Single(WeChatRenderer.Render([reply])));

        Assert.Equal(new WeChatArticle("东湖区招聘会", "周六 9:00\n线上直播", "https://live.example.org/1"), news.Article);
    }

    [Fact]
    public void TraditionalRepliesGetTraditionalWords()
    {
        var reply = Reply(BotReply.Say("help", "您想辦哪件事？請選擇。", ReplyButton.Of("轉人工")));

        Assert.Equal("您想辦哪件事？請選擇。\n\n回覆 1：轉人工", Text(WeChatRenderer.Render([reply])));
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData(" 2 ", 2)]
    [InlineData("３", 3)]
    [InlineData("回复4", 4)]
    [InlineData("回覆 5。", 5)]
    [InlineData("12", 12)]
    [InlineData("0", null)]
    [InlineData("3个人", null)]
    [InlineData("一", null)]
    [InlineData("123", null)]
    [InlineData("١", null)]
    public void NumbersAreReadOnlyWhenTheMessageIsJustANumber(string text, int? number) => Assert.Equal(number, WeChatChoices.NumberIn(text));

    [Fact]
    public void ChoicesHoldOnlyUntilTheWorkerWritesAgain()
    {
        var offered = Reply(BotReply.Say("help", "选一个", ReplyButton.Of("甲")));
        var question = Reply(BotReply.Ask("wageDispute", "欠了多少钱？"));
        var worker = new Activity { Type = ActivityTypes.Message, From = new ChannelAccount { Id = "oA", Role = RoleTypes.User }, Text = "你好" };

        Assert.Single(WeChatChoices.LastOffered([offered]));
        Assert.Single(WeChatChoices.LastOffered([offered, question]));
        Assert.Empty(WeChatChoices.LastOffered([offered, worker, question]));
        Assert.Empty(WeChatChoices.LastOffered([offered, worker]));
    }
}
