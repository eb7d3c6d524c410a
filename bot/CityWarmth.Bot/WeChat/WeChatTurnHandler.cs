using CityWarmth.Bot.Conversations;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Messaging;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Help;
using CityWarmth.Skills.Jobs;
using CityWarmth.WeChat;

namespace CityWarmth.Bot.WeChat;

/// <summary>
/// What WeChat sends beyond text, settled before the bot's own turn handler sees the message: a number picks one of
/// the choices last shown, speech arrives as its recognised text, a place asks for jobs nearby (or answers an open
/// question with its address), and what the bot cannot read (a picture, unrecognised speech, a link) gets a kind
/// word and a way on. While a caseworker holds the conversation everything goes to them, described in words.
/// </summary>
public sealed class WeChatTurnHandler(ITurnHandler inner, IConversationStore store, WorkerRateLimiter limiter, JobSearchEngine jobs) : ITurnHandler
{
    /// <summary>Enough of the transcript to find the bot's last reply behind a few of its messages.</summary>
    private const int ChoiceLookback = 12;

    public const string VoiceNotUnderstood =
        "抱歉，这条语音我没听清，也可能是语音识别没有打开。麻烦您打字告诉我想问什么，比如“欠薪怎么办”“找电工的活”；着急的话可以转人工。";

    public static string CannotSee(string what) =>
        $"收到您发的{what}。我还看不懂{what}，麻烦用文字说说您想问什么。如果是欠薪的证据（欠条、考勤、工资条、聊天记录），请先保存好，工作人员联系您时再提供。";

    public static string CannotOpen(string? title) =>
        $"收到您分享的链接{(string.IsNullOrWhiteSpace(title) ? "" : $"《{title}》")}。我打不开链接，麻烦用文字说说您想问什么，比如“这个政策我能不能享受”。";

    public async Task<IReadOnlyList<Activity>> OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        if (activity.ChannelId != WeChatActivities.ChannelId || activity.Type != ActivityTypes.Message)
        {
            return await inner.OnTurnAsync(turn, cancellationToken);
        }
        var withBot = turn.Conversation.Owner == ConversationOwners.Bot;
        var msgType = WeChatActivities.Detail(activity, "msgType");

        if (!string.IsNullOrWhiteSpace(activity.Text))
        {
            // Text, recognised speech, or a menu click.
            if (withBot && WeChatChoices.NumberIn(activity.Text) is { } number)
            {
                var offered = WeChatChoices.LastOffered(await store.GetTranscriptAsync(activity.Conversation!.Id!, ChoiceLookback, cancellationToken));
                if (number <= offered.Count)
                {
                    activity.Text = offered[number - 1].Value;
                }
            }
            return await inner.OnTurnAsync(turn, cancellationToken);
        }

        if (msgType == WeChatMessageTypes.Location)
        {
            activity.Text = await PlaceTextAsync(turn, WeChatActivities.Detail(activity, "label") ?? "", cancellationToken);
            return await inner.OnTurnAsync(turn, cancellationToken);
        }

        if (!withBot)
        {
            // The person reads it; the bot stays out of the way.
            activity.Text = Describe(activity, msgType);
            return await inner.OnTurnAsync(turn, cancellationToken);
        }
        if (!limiter.TryAcquire(activity))
        {
            return [Reply(turn, BotReply.Say(SkillNames.Fallback, WorkerRateLimiter.SlowDown))];
        }
        var reply = msgType switch
        {
            WeChatMessageTypes.Voice => BotReply.Say(SkillNames.Fallback, VoiceNotUnderstood, HelpSkill.TalkToPerson),
            WeChatMessageTypes.Link => BotReply.Say(SkillNames.Fallback, CannotOpen(WeChatActivities.Detail(activity, "title")), [.. HelpSkill.MenuButtons]),
            WeChatMessageTypes.Image => BotReply.Say(SkillNames.Fallback, CannotSee("图片"), [.. HelpSkill.MenuButtons]),
            WeChatMessageTypes.Video or WeChatMessageTypes.ShortVideo => BotReply.Say(SkillNames.Fallback, CannotSee("视频"), [.. HelpSkill.MenuButtons]),
            _ => BotReply.Say(SkillNames.Fallback, CannotSee("消息"), [.. HelpSkill.MenuButtons]),
        };
        return [Reply(turn, reply)];
    }

    /// <summary>
    /// A shared place in words: an open question (the intake's "where did you work") takes the address; otherwise it
    /// asks for work nearby, in the district the job search knows from the address (without one it asks which).
    /// </summary>
    private async Task<string> PlaceTextAsync(TurnContext turn, string address, CancellationToken cancellationToken)
    {
        if (turn.Conversation.State.ActiveSkill is not null && address.Length > 0)
        {
            return address;
        }
        var district = JobVocabulary.FindDistrict(address, await jobs.DistrictsAsync(cancellationToken));
        return district is null ? "我想找附近的工作" : $"我想找{district.Word}附近的工作";
    }

    private static Activity Reply(TurnContext turn, BotReply reply) => ReplyFactory.ToActivity(
        turn.Activity, turn.Conversation.State.PrefersTraditional ? ReplyScript.ToTraditional(reply) : reply, turn.PublicBaseUrl);

    /// <summary>A message the bot cannot read, in words a caseworker can act on.</summary>
    private static string Describe(Activity activity, string? msgType) => msgType switch
    {
        WeChatMessageTypes.Voice => "[语音，未能识别成文字]",
        WeChatMessageTypes.Image => $"[图片] {WeChatActivities.Detail(activity, "picUrl")}".Trim(),
        WeChatMessageTypes.Link => $"[链接] {WeChatActivities.Detail(activity, "title")} {WeChatActivities.Detail(activity, "url")}".Trim(),
        WeChatMessageTypes.Video or WeChatMessageTypes.ShortVideo => "[视频]",
        _ => $"[{msgType}]",
    };
}
