using System.Text;
using System.Text.Json.Nodes;
using CityWarmth.Skills.Conversation;
using CityWarmth.Skills.Handoff;
using static CityWarmth.Skills.WageDispute.WageIntakePrompts;

namespace CityWarmth.Skills.WageDispute;

/// <summary>The intake's replies (short plain simplified Chinese; the router converts them for traditional writers).</summary>
internal static class WageIntakeReplies
{
    public static BotReply Say(string text, params ReplyButton[] buttons) => BotReply.Say(SkillNames.WageDispute, text, buttons);

    public static BotReply Ask(string text, params ReplyButton[] buttons) => BotReply.Ask(SkillNames.WageDispute, text, buttons);

    public static string Ack(string value, IReadOnlyCollection<string>? more = null) =>
        more is { Count: > 0 } ? $"记下了：{value}；{string.Join("；", more)}。" : $"记下了：{value}。";

    public static string JobDisplay(JobStatus j) => !j.Ended
        ? "还在干"
        : j.EndedOn is { } d ? $"已离职（{DeadlineCalculator.Format(d)}{(j.DateApproximate ? "左右" : string.Empty)}）" : "已离职";

    public static string EvidenceDisplay(IEnumerable<EvidenceKind> kinds) => string.Join("、", kinds.Select(EvidenceParser.Label));

    /// <summary>The pending question (or the summary), after <paramref name="lead"/> when given.</summary>
    public static BotReply AskPending(WageIntakeState s, string? lead = null)
    {
        if (s.Step == WageIntakeStep.Summary)
        {
            return SummaryReply(s, lead is null ? CheckSummary : $"{lead}\n{CheckSummary}");
        }
        var step = WageIntakeSteps.For(s.Step);
        var question = step.Question(s);
        return Ask(lead is null ? question : $"{lead}\n{question}", [.. Buttons(step, s)]);
    }

    /// <summary>An answer the pending question cannot use: asked again with its examples and buttons.</summary>
    public static BotReply AskAgain(WageIntakeState s)
    {
        if (s.Step == WageIntakeStep.Summary)
        {
            return SummaryReply(s, SummaryRetry);
        }
        var step = WageIntakeSteps.For(s.Step);
        return Ask(step.Retry, [.. Buttons(step, s)]);
    }

    /// <summary>
    /// The step's buttons. Never a dead end: after two misses an optional question can be skipped, a required one
    /// handed to a person.
    /// </summary>
    private static List<ReplyButton> Buttons(IntakeStep step, WageIntakeState s)
    {
        var buttons = step.Buttons(s).ToList();
        if (s.FailedAttempts >= 2)
        {
            var way = ReplyButton.Of(step.Optional ? Skip : TalkToPerson);
            if (!buttons.Any(b => b.Value == way.Value))
            {
                buttons.Add(way);
            }
        }
        return buttons;
    }

    public static BotReply SummaryReply(WageIntakeState s, string lead)
    {
        var edits = WageIntakeSteps.All.Where(step => step.OnSummaryCard).Select(step => ReplyButton.Of("修改" + step.Name));
        var card = new ReplyCard(
            "欠薪登记信息",
            "请核对，有错可以点下面修改",
            string.Join('\n', WageIntakeSteps.SummaryLines(s)),
            [ReplyButton.Of(Submit), .. edits, ReplyButton.Of("取消")]);
        return new BotReply
        {
            Skill = SkillNames.WageDispute,
            Text = lead,
            Cards = [card],
            Buttons = [ReplyButton.Of(Submit), ReplyButton.Of("修改"), ReplyButton.Of("取消")],
            ExpectingInput = true,
        };
    }

    public static BotReply EditMenu() =>
        Ask("要修改哪一项？", [.. WageIntakeSteps.All.Where(step => step.OnSummaryCard).Select(step => ReplyButton.Of("修改" + step.Name))]);

    /// <summary>
    /// What a worker reads once the case is stored: the number first, what they can do and gather, and last the case
    /// number again with the next steps. The last reply offers a person for the case (the host adds the 转人工 button).
    /// </summary>
    public static IReadOnlyList<BotReply> Submitted(WageCase filed)
    {
        var replies = new List<BotReply>
        {
            Say($"提交成功！你的登记编号是 {filed.CaseNumber}，请记好。"),
            RoutesReply(filed),
            EvidenceReply(filed),
        };
        if (filed.LiabilityNotes.Count > 0)
        {
            replies.Add(LiabilityReply(filed));
        }
        var next = new StringBuilder($"你的登记编号：{filed.CaseNumber}。接下来：\n");
        next.Append("1. 工作人员会打你的电话（").Append(PiiMask.Phone(filed.Phone)).Append("）联系你、核实情况，请留意接听。\n");
        next.Append("2. 把上面说的证据收好，原件自己保管。\n");
        next.Append("3. 点“投诉材料”可以打印投诉书，带着它和身份证去劳动保障监察大队，或打12333。");
        replies.Add(Say(next.ToString()) with
        {
            Value = new JsonObject
            {
                ["wageCase"] = filed.CaseNumber,
                [HandoffMarker.Key] = HandoffMarker.Details(HandoffReasons.WageCase, offer: true, caseNumber: filed.CaseNumber),
            },
            Buttons = [ReplyButton.Link("投诉材料(可打印)", filed.SheetUrl)],
        });
        return replies;
    }

    /// <summary>For a worker who would not have their data kept: the routes to file alone and the evidence to gather.</summary>
    public static IReadOnlyList<BotReply> Declined(WageCase advice) =>
    [
        Say("明白，我们不保存你的信息，刚才填的内容已经删除。你也可以自己去投诉，下面是可以走的途径和期限。"),
        RoutesReply(advice),
        EvidenceReply(advice),
    ];

    private static BotReply RoutesReply(WageCase c)
    {
        var sb = new StringBuilder("可以走这些途径：\n");
        var i = 1;
        foreach (var route in c.Routes.Where(r => r.Open))
        {
            sb.Append(i++).Append(". ").Append(route.Name).Append("：").Append(route.WhenToUse).Append(route.HowToFile);
            if (route.Deadline is { } d)
            {
                sb.Append("请在").Append(DeadlineCalculator.Format(d)).Append("前办理。");
            }
            sb.Append('\n');
        }
        sb.Append("\n期限：").Append(c.ArbitrationDeadline?.Explanation).Append(c.InspectionDeadline?.Explanation);
        return Say(sb.ToString().TrimEnd(),
            new ReplyButton("打12333", "tel:12333", ButtonKind.Call),
            new ReplyButton("打12348", "tel:12348", ButtonKind.Call),
            new ReplyButton("打12351", "tel:12351", ButtonKind.Call));
    }

    private static BotReply EvidenceReply(WageCase c) => Say("还可以准备这些证据：\n" + Numbered(c.EvidenceAdvice));

    private static BotReply LiabilityReply(WageCase c) =>
        Say((c.IsConstruction ? "这是工程项目，" : string.Empty) + "按《保障农民工工资支付条例》，这些单位要负责付钱：\n" + Numbered(c.LiabilityNotes));

    private static string Numbered(IEnumerable<string> lines) => string.Join('\n', lines.Select((l, i) => $"{i + 1}. {l}"));
}
