using CityWarmth.Skills.Conversation;
using static CityWarmth.Skills.WageDispute.WageIntakePrompts;
using static CityWarmth.Skills.WageDispute.WageIntakeReplies;

namespace CityWarmth.Skills.WageDispute;

/// <summary>A yes or no answer.</summary>
internal sealed record YesNo(bool Yes);

/// <summary>Evidence named in one answer; <see cref="Done"/> when the worker has named all they hold.</summary>
internal sealed record EvidencePick(IReadOnlyList<EvidenceKind> Items, bool NoneHeld, bool Done);

/// <summary>The worker's answer to the consent question and when it was given.</summary>
internal sealed record ConsentAnswer(bool Agrees, DateTimeOffset At);

/// <summary>
/// The questions of the wage intake, in the order they are asked, one record each: the question, how an answer is read
/// and stored, and how the fact is shown. A new question is one more record here plus its fact in <see cref="WageFacts"/>
/// (and its name in <see cref="WageIntakeStep"/>).
/// </summary>
internal static class WageIntakeSteps
{
    public static IReadOnlyList<IntakeStep> All { get; } =
    [
        new IntakeStep<EmployerInfo>
        {
            Id = WageIntakeStep.Employer, Name = "欠薪方", Label = "欠薪方", FreeText = true, OnSummaryCard = true,
            EditWords = ["欠薪方", "老板", "包工头", "公司", "单位"],
            Question = _ => "是谁欠你的工资？可以选类型，也可以直接写，比如“包工头张三”或“恒达建筑有限公司”。",
            Retry = "没太看懂是谁欠的钱。可以点下面的按钮，或者写“包工头张三”“某某公司”。",
            Buttons = _ => [new("公司/单位", "公司"), ReplyButton.Of("包工头"), ReplyButton.Of("班组长"), ReplyButton.Of("个人老板")],
            IsOpen = s => s.EmployerKind is null && s.EmployerName is null,
            Display = f => f.Employer?.Display,
            Parse = (a, _) => EmployerParser.Parse(a.Plain),
            Apply = (s, e) => (s.EmployerKind, s.EmployerName) = (e.Kind, e.Name),
            // "东湖区某某公司" names the district too; an employer described by its place is not also the workplace.
            AlsoFills = (slots, e) => slots with { Employer = null, Workplace = SamePlace(slots.Workplace, e.Name) ? null : slots.Workplace },
            FromSlots = (slots, _) => slots.Employer,
        },
        new IntakeStep<EmployerInfo>
        {
            Id = WageIntakeStep.EmployerName, Name = "欠薪方名称", Optional = true, FreeText = true,
            Question = s => $"这个{(s.EmployerKind is { } k ? EmployerParser.Label(k) : "老板")}叫什么名字？公司写全称最好。不知道可以点“跳过”。",
            Retry = "没太看懂名字。比如“张三”或“恒达建筑有限公司”，不知道就点“跳过”。",
            Buttons = _ => [ReplyButton.Of(Skip)],
            IsOpen = s => s.EmployerName is null,
            Display = f => f.EmployerName,
            Parse = (a, _) => EmployerParser.Parse(a.Plain) is var parsed && (parsed?.Name ?? ShortText(a, 40)) is { } name
                ? new EmployerInfo(parsed?.Kind, name)
                : null,
            Apply = (s, e) =>
            {
                s.EmployerName = e.Name;
                s.EmployerKind ??= e.Kind;
            },
        },
        new IntakeStep<string>
        {
            Id = WageIntakeStep.Workplace, Name = "地点", Label = "干活地点", FreeText = true, OnSummaryCard = true,
            EditWords = ["地点", "地址", "工地", "项目"],
            Question = _ => "你在哪里干的活？写工地、项目或单位的地址，比如“东湖区光谷大道某某小区工地”。",
            Retry = "请写一下干活的地方，比如“东湖区某某小区工地”或“某某电子厂”。",
            IsOpen = s => s.Workplace is null,
            Display = f => f.Workplace,
            Parse = (a, _) => WorkplaceParser.ParseWorkplace(a.Plain),
            Apply = (s, place) => s.Workplace = place,
            AlsoFills = (slots, _) => slots with { Workplace = null, Employer = null },
            FromSlots = (slots, _) => slots.Workplace,
        },
        new IntakeStep<string>
        {
            Id = WageIntakeStep.District, Name = "区县", Label = "所在区县", Unset = null, Optional = true,
            EditWords = ["区县", "区"],
            Question = _ => "这个地方属于哪个区或县？比如“东湖区”。不清楚可以点“跳过”。",
            Retry = "请写区或县的名字，比如“东湖区”“黄陂区”“沛县”。",
            Buttons = _ => [ReplyButton.Of(Skip)],
            IsOpen = s => s.District is null,
            Display = f => f.District,
            // A name without 区 or 县 ("光谷") is taken as it is, but not a workplace ("建筑工地").
            Parse = (a, _) => WorkplaceParser.FindDistrict(a.Text)
                ?? (a.AsksForSomethingElse || WorkplaceParser.FindConstruction(a.Plain) is not null || WorkplaceParser.FindWorkplace(a.Plain) is not null
                    ? null
                    : ShortText(a, 12) is { } name && name.All(char.IsLetter) ? name : null),
            Apply = (s, district) => s.District = district,
            FromSlots = (slots, _) => slots.District,
            Echo = (s, district) => s.Workplace?.Contains(district, StringComparison.Ordinal) == true ? null : $"区县 {district}",
        },
        new IntakeStep<string>
        {
            Id = WageIntakeStep.Trade, Name = "工种", Label = "工种", Unset = null, Optional = true, FreeText = true,
            EditWords = ["工种"],
            Question = _ => "你干的是什么活（工种）？",
            Retry = "请写工种，比如“钢筋工”“小工”“服务员”。",
            Buttons = _ => [ReplyButton.Of("钢筋工"), ReplyButton.Of("木工"), ReplyButton.Of("瓦工"), ReplyButton.Of("小工"), ReplyButton.Of(Skip)],
            IsOpen = s => s.Trade is null,
            Display = f => f.Trade,
            // A trade, not a place said again ("在东湖区的工地").
            Parse = (a, _) => WorkplaceParser.FindTrade(a.Text)
                ?? (WorkplaceParser.FindDistrict(a.Plain) is null && WorkplaceParser.FindWorkplace(a.Plain) is null ? WorkplaceParser.ParseTrade(a.Plain) : null),
            Apply = (s, trade) =>
            {
                s.Trade = trade;
                if (s.IsConstruction is null && WorkplaceParser.FindConstruction(trade) == true)
                {
                    s.IsConstruction = true;
                }
            },
            FromSlots = (slots, _) => slots.Trade,
        },
        new IntakeStep<YesNo>
        {
            Id = WageIntakeStep.Construction, Name = "建筑工程", Label = "建筑工程", Acknowledge = false,
            EditWords = ["是否工地", "建筑工程"],
            Question = _ => "这是建筑工地或工程项目吗？",
            Retry = "请点“是”或“不是”。",
            Buttons = _ => [ReplyButton.Of("是"), ReplyButton.Of("不是")],
            IsOpen = s => s.IsConstruction is null,
            Display = f => f.IsConstruction switch
            {
                true => "是" + (f.GeneralContractor is { } gc ? $"（总包/项目：{gc}）" : string.Empty),
                false => "否",
                null => null,
            },
            Parse = (a, _) => a.Read(t => WorkplaceParser.ParseConstruction(t) is { } yes ? new YesNo(yes) : null),
            Apply = (s, answer) =>
            {
                s.IsConstruction = answer.Yes;
                if (!answer.Yes)
                {
                    s.GeneralContractor = null;
                }
            },
            FromSlots = (slots, _) => slots.IsConstruction is { } yes ? new YesNo(yes) : null,
            Echo = (_, answer) => answer.Yes ? "建筑工程" : "非建筑工程",
        },
        new IntakeStep<string>
        {
            Id = WageIntakeStep.GeneralContractor, Name = "总包", Optional = true, FreeText = true,
            EditWords = ["总包"],
            Question = _ => "知道这个工程的总包单位或项目名称吗？工地门口的告示牌上一般有写。不知道可以点“跳过”。",
            Retry = "请写总包单位或项目名称，比如“中建某局”“某某花园项目”，不知道就点“跳过”。",
            Buttons = _ => [ReplyButton.Of(Skip)],
            IsOpen = s => s.IsConstruction == true && s.GeneralContractor is null,
            Display = f => f.GeneralContractor,
            // Not the workplace said again.
            Parse = (a, s) => ShortText(a, 60) is { } name && !SamePlace(name, s.Workplace) ? name : null,
            Apply = (s, contractor) => s.GeneralContractor = contractor,
        },
        new IntakeStep<ParsedAmount>
        {
            Id = WageIntakeStep.Amount, Name = "金额", Label = "欠薪金额", OnSummaryCard = true,
            EditWords = ["金额", "钱数", "工钱", "工资", "欠款"],
            Question = _ => "一共欠你多少钱？比如“12000元”或“一万二”，说个大概也行。",
            Retry = "没看懂这个金额。可以这样写：“8500元”“一万二”“两万三千”。",
            IsOpen = s => s.AmountYuan is null,
            Display = f => f.Amount?.Display,
            Parse = (a, _) => a.Read(AmountParser.Parse),
            Apply = (s, amount) => (s.AmountYuan, s.AmountApproximate) = (amount.Yuan, amount.Approximate),
            FromSlots = (slots, _) => slots.Amount,
        },
        new IntakeStep<WagePeriod>
        {
            Id = WageIntakeStep.Period, Name = "时间", Label = "欠薪时间", OnSummaryCard = true,
            EditWords = ["时间", "欠薪时间", "月份"],
            Question = _ => "欠的是哪段时间的工资？比如“今年3月到6月”或“三个月”。",
            Retry = "没看懂这段时间。可以这样写：“今年3月到6月”“去年10月至今”“三个月”。",
            IsOpen = s => s.PeriodFrom is null && s.PeriodMonths is null,
            Display = f => f.Period?.Display,
            Parse = (a, _) => a.Read(t => PeriodParser.Parse(t, a.Today)),
            Apply = (s, p) => (s.PeriodFrom, s.PeriodTo, s.PeriodMonths, s.PeriodOngoing, s.PeriodApproximate) = (p.From, p.To, p.Months, p.Ongoing, p.Approximate),
            FromSlots = (slots, _) => slots.Period,
        },
        new IntakeStep<JobStatus>
        {
            Id = WageIntakeStep.JobEnded, Name = "离职", Label = "现在情况", OnSummaryCard = true, Acknowledge = false,
            EditWords = ["离职", "离职情况"],
            Question = _ => "你现在还在那里干活吗？",
            Retry = "请点“已经不干了”或“还在干”。",
            Buttons = _ => [ReplyButton.Of("已经不干了"), ReplyButton.Of("还在干")],
            IsOpen = s => s.JobEnded is null,
            Display = f => f.Job is { } job ? JobDisplay(job) : null,
            // The question is "还在那里干活吗?": yes means still working.
            Parse = (a, _) => a.Read(t => JobStatusParser.Parse(t, a.Today))
                ?? ((WageText.YesOrNo(a.Compact) ?? WageText.YesOrNo(a.PlainCompact)) is { } stillThere ? new JobStatus(!stillThere, null, false) : null),
            Apply = (s, job) =>
            {
                (s.JobEnded, s.JobEndedOn, s.JobEndedOnApproximate) = (job.Ended, job.EndedOn, job.DateApproximate);
                s.Skipped.Remove(WageIntakeStep.JobEndDate);
            },
            FromSlots = (slots, _) => slots.Job,
            Echo = (_, job) => JobDisplay(job),
        },
        new IntakeStep<JobStatus>
        {
            Id = WageIntakeStep.JobEndDate, Name = "离职时间", Optional = true,
            EditWords = ["离职时间"],
            Question = _ => "哪天不干的？说个大概也行，比如“上个月”或“3月15号”。",
            Retry = "没看懂日期。可以这样写：“上个月”“3月15号”“两个月前”，记不清就点“记不清了”。",
            Buttons = _ => [ReplyButton.Of("这个月"), ReplyButton.Of("上个月"), new("记不清了", Skip)],
            IsOpen = s => s.JobEnded == true && s.JobEndedOn is null,
            Display = f => f.JobEndedOn is { } day ? DeadlineCalculator.Format(day) + (f.JobEndedOnApproximate ? "左右" : string.Empty) : null,
            Parse = (a, _) => a.Read(t => JobStatusParser.ParseDate(t, a.Today) is { } d ? new JobStatus(true, d.Date, d.Approximate) : null),
            Apply = (s, job) => (s.JobEnded, s.JobEndedOn, s.JobEndedOnApproximate) = (true, job.EndedOn, job.DateApproximate),
        },
        new IntakeStep<WorkerCount>
        {
            Id = WageIntakeStep.WorkerCount, Name = "人数", Label = "被欠人数", Optional = true, OnSummaryCard = true,
            EditWords = ["人数"],
            Question = _ => "一共有几个人被欠工资？",
            Retry = "请写人数，比如“5个人”“十几个人”，只有你就点“就我一个”。",
            Buttons = _ => [ReplyButton.Of("就我一个"), ReplyButton.Of("十几个人"), ReplyButton.Of("几十个人"), ReplyButton.Of(Skip)],
            IsOpen = s => s.WorkerCount is null,
            Display = f => f.Workers?.Display,
            Parse = (a, _) => a.Read(WorkerCountParser.Parse),
            Apply = (s, n) => (s.WorkerCount, s.WorkerCountApproximate) = (n.Count, n.Approximate),
            FromSlots = (slots, _) => slots.Workers,
        },
        new IntakeStep<EvidencePick>
        {
            Id = WageIntakeStep.Evidence, Name = "证据", Label = "证据", Unset = "暂无", Optional = true, OnSummaryCard = true,
            EditWords = ["证据"],
            Question = _ => "你手上有哪些证据？可以点多个，选好后点“完成”。都没有也没关系。",
            Retry = "请点下面的按钮选证据，选好后点“完成”；都没有就点“都没有”。",
            Buttons = s =>
            [
                .. EvidenceParser.All.Where(k => !s.Evidence.Contains(k)).Select(k => ReplyButton.Of(EvidenceParser.Label(k))),
                ReplyButton.Of(s.Evidence.Count == 0 ? NoneHeld : Done),
            ],
            IsOpen = s => !s.EvidenceDone,
            Display = f => f.Evidence.Count == 0 ? null : EvidenceDisplay(f.Evidence),
            Parse = (a, _) => WageText.SaysDone(a.Compact) || WageText.SaysDone(a.PlainCompact)
                ? new EvidencePick([], false, Done: true)
                : EvidenceParser.Parse(a.Text) is { } e ? new EvidencePick(e.Items, e.NoneHeld, Done: false) : null,
            Apply = (s, pick) =>
            {
                s.Evidence = [.. s.Evidence, .. pick.Items.Distinct().Where(k => !s.Evidence.Contains(k))];
                s.EvidenceDone |= pick.Done || pick.NoneHeld || s.Evidence.Count == EvidenceParser.All.Count;
            },
            Outcome = (s, pick) =>
                pick.Done ? StepOutcome.Accepted()
                : pick.NoneHeld ? StepOutcome.Accepted("没关系，后面会告诉你可以怎么补。")
                : s.EvidenceDone ? StepOutcome.Accepted(Ack(EvidenceDisplay(s.Evidence)))
                : StepOutcome.Stay($"已选：{EvidenceDisplay(s.Evidence)}。还有别的吗？选好了点“完成”。"),
            FromSlots = (slots, s) => slots.Evidence.Where(k => !s.Evidence.Contains(k)).ToList() is { Count: > 0 } added
                ? new EvidencePick(added, false, false)
                : null,
            Echo = (_, pick) => $"证据 {EvidenceDisplay(pick.Items)}",
        },
        new IntakeStep<PersonName>
        {
            Id = WageIntakeStep.WorkerName, Name = "姓名", Label = "姓名", OnSummaryCard = true, Acknowledge = false,
            EditWords = ["姓名", "名字"],
            Question = _ => "你叫什么名字？工作人员联系你时用。",
            Retry = "请写你的真实姓名，比如“王小明”。只写姓也可以，比如“姓王”。",
            IsOpen = s => s.WorkerName is null,
            Display = f => f.WorkerName,
            Parse = (a, _) => a.Read(NameParser.Parse),
            Apply = (s, name) => s.WorkerName = name.Value,
        },
        new IntakeStep<string>
        {
            Id = WageIntakeStep.Phone, Name = "电话", Label = "电话", OnSummaryCard = true, Acknowledge = false,
            EditWords = ["电话", "手机", "手机号", "号码"],
            Question = _ => "你的手机号是多少？工作人员会打这个电话联系你。",
            Retry = "这个号码好像不对。请写11位手机号，比如“138 1234 5678”。",
            IsOpen = s => s.Phone is null,
            Display = f => f.Phone,
            Parse = (a, _) => PhoneParser.Find(a.Text),
            IsAttempt = a => PhoneParser.LooksLikeInvalidNumber(a.Text),
            Apply = (s, phone) => s.Phone = phone,
            FromSlots = (slots, _) => slots.Phone,
            Echo = (_, phone) => $"电话 {PiiMask.Phone(phone)}",
        },
        new IntakeStep<ConsentAnswer>
        {
            Id = WageIntakeStep.Consent, Name = "同意", QuestionsFirst = true, Acknowledge = false,
            Question = _ => ConsentText,
            Retry = "请点“同意”或“不同意”。",
            Buttons = _ => [ReplyButton.Of(Agree), ReplyButton.Of(Disagree)],
            IsOpen = s => s.ConsentGiven != true,
            Display = f => f.ConsentGiven == true ? Agree : null,
            Parse = (a, _) => (WageText.ConsentOf(a.Compact) ?? WageText.ConsentOf(a.PlainCompact)) is { } agrees
                ? new ConsentAnswer(agrees, a.Now)
                : null,
            Apply = (s, consent) =>
            {
                if (consent.Agrees)
                {
                    (s.ConsentGiven, s.ConsentAt) = (true, consent.At);
                }
            },
            Outcome = (_, consent) => consent.Agrees ? StepOutcome.Accepted() : StepOutcome.Declined,
        },
    ];

    private static readonly Dictionary<WageIntakeStep, IntakeStep> ById = All.ToDictionary(s => s.Id);

    /// <summary>Words after "修改" and the question each reopens, longest first.</summary>
    public static IReadOnlyList<(string Word, IntakeStep Step)> EditTargets { get; } =
        [.. All.SelectMany(s => s.EditWords.Select(w => (w, s))).OrderByDescending(t => t.w.Length)];

    public static IntakeStep For(WageIntakeStep id) => ById[id];

    /// <summary>The first question still open, in order; Summary when all are answered or skipped.</summary>
    public static WageIntakeStep NextStep(WageIntakeState s) =>
        All.FirstOrDefault(step => !s.Skipped.Contains(step.Id) && step.IsOpen(s))?.Id ?? WageIntakeStep.Summary;

    /// <summary>Copies what a longer message said into facts not given yet; returns the echo of each.</summary>
    public static List<string> Fill(WageIntakeState s, WageSlots slots)
    {
        var filled = All.Select(step => step.Fill(s, slots)).OfType<string>().ToList();
        s.EmployerAbsconded |= slots.EmployerAbsconded;
        return filled;
    }

    /// <summary>The lines of the summary card, one a fact, in order.</summary>
    public static IEnumerable<string> SummaryLines(WageFacts facts) =>
        WageFactSheet.Lines(facts).Select(line => $"{line.Label}：{line.Value}");

    /// <summary>One place named twice ("建筑工地" and "建筑工地上"), which fills one fact, not two.</summary>
    private static bool SamePlace(string? a, string? b) =>
        a is not null && b is not null && (a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal));

    /// <summary>A short free-text answer, without the worker's fillers; null when empty or too long.</summary>
    private static string? ShortText(IntakeAnswer a, int maxLength) =>
        a.PlainCompact is { Length: >= 2 } text && text.Length <= maxLength && text.Any(char.IsLetter) ? text : null;
}
