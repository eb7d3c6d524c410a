using System.Text.Json.Nodes;
using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Policy;

namespace CityWarmth.Skills.Tests.Policy;

public sealed class AnswerFeedbackTests(PolicyIndexFixture fixture) : IClassFixture<PolicyIndexFixture>
{
    private const string Housing = "外地来打工的能申请保障性租赁住房吗?";
    private const string Nonsense = "qqzzxx wwvvyy";

    private sealed class RecordingSink : IUnansweredQuestionSink
    {
        public List<(string Question, UnansweredReason Reason, IReadOnlyList<string> Passages, string? Comment)> Records { get; } = [];

        public void Record(string question, UnansweredReason reason, double confidence) => Record(question, reason, confidence, [], null);

        public void Record(string question, UnansweredReason reason, double confidence, IReadOnlyList<string> passages, string? comment) =>
            Records.Add((question, reason, passages, comment));
    }

    private readonly RecordingSink _sink = new();

    private Task<IReadOnlyList<BotReply>> Ask(string text, ConversationState state) =>
        new PolicyLookupSkill(fixture.Search, _sink).AnswerAsync(new UserTurn(text, null, "test", "c1", "u1", "zh-CN", DateTimeOffset.UtcNow), state, CancellationToken.None);

    [Fact]
    public async Task ADirectAnswerCarriesTheFeedbackOptInNamingItsNote()
    {
        var state = new ConversationState();
        var reply = Assert.Single(await Ask(Housing, state));

        var value = Assert.IsType<JsonObject>(reply.Value);
        Assert.True(value[AnswerFeedback.FeedbackLoopKey]!.GetValue<bool>());
        var note = Assert.Single(state.RecentQuestions);
        Assert.Equal(note.Id, value[AnswerFeedback.AnswerIdKey]!.GetValue<string>());
        Assert.Equal(QuestionOutcomes.Answered, note.Outcome);
        Assert.Equal(note.Id, state.LastQuestionId);
        Assert.Equal(reply.Citations.Select(c => c.Url), note.Passages.Select(PolicyLookupSkill.KbUrl));
    }

    [Fact]
    public async Task AThumbsDownRecordsTheRatedAnswerOnceWithItsPassages()
    {
        var state = new ConversationState();
        var housing = Assert.Single(await Ask(Housing, state));
        await Ask("农民工子女上学有什么政策", state);
        var feedback = new AnswerFeedback(_sink);
        var housingId = ((JsonObject)housing.Value!)[AnswerFeedback.AnswerIdKey]!.GetValue<string>();

        Assert.False(feedback.OnRated(state, housingId, helpful: true, comment: null));
        Assert.True(feedback.OnRated(state, housingId, helpful: false, comment: "没说怎么申请"));
        Assert.False(feedback.OnRated(state, housingId, helpful: false, comment: null));
        Assert.False(feedback.OnRated(state, "no-such-answer", helpful: false, comment: null));

        var record = Assert.Single(_sink.Records, r => r.Reason == UnansweredReason.ThumbsDown);
        Assert.Equal(Housing, record.Question);
        Assert.Equal("没说怎么申请", record.Comment);
        Assert.Equal(state.RecentQuestions[0].Passages, record.Passages);
    }

    [Fact]
    public async Task WithoutAnAnswerIdTheLatestAnswerIsRated()
    {
        var state = new ConversationState();
        await Ask(Housing, state);
        await Ask(Nonsense, state);
        Assert.Equal(QuestionOutcomes.NotFound, state.RecentQuestions[^1].Outcome);

        Assert.True(new AnswerFeedback(_sink).OnRated(state, null, helpful: false, comment: null));
        Assert.Equal(Housing, Assert.Single(_sink.Records, r => r.Reason == UnansweredReason.ThumbsDown).Question);
    }

    [Fact]
    public async Task AHandoffRecordsOnlyTheQuestionOfThePreviousTurn()
    {
        var state = new ConversationState();
        var feedback = new AnswerFeedback(_sink);
        await Ask(Nonsense, state);
        Assert.True(feedback.OnHandedOff(state));
        Assert.False(feedback.OnHandedOff(state));

        state.LastQuestionId = null;   // what the router does when another skill answered the turn
        Assert.False(feedback.OnHandedOff(state));

        var record = Assert.Single(_sink.Records, r => r.Reason == UnansweredReason.HandedOff);
        Assert.Equal(Nonsense, record.Question);
    }

    [Fact]
    public async Task TheRouterKeepsThePreviousQuestionOnlyForARequestForAPerson()
    {
        var harness = new Routing.RouterHarness();
        harness.State.LastQuestionId = "q-1";
        await harness.SayAsync("我要找人工客服");
        Assert.Equal("q-1", harness.State.LastQuestionId);

        await harness.SayAsync("我想找个开叉车的活");
        Assert.Null(harness.State.LastQuestionId);
    }

    [Fact]
    public void OnlyTheLastFewQuestionsAreKept()
    {
        var state = new ConversationState();
        for (var i = 0; i < AnswerFeedback.MaxNotes + 3; i++)
        {
            AnswerFeedback.Note(state, $"问题{i}", QuestionOutcomes.Answered, [], 0.5);
        }

        Assert.Equal(AnswerFeedback.MaxNotes, state.RecentQuestions.Count);
        Assert.Equal($"问题{AnswerFeedback.MaxNotes + 2}", state.RecentQuestions[^1].Question);
    }
}
