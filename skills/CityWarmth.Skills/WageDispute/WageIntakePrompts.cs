using CityWarmth.Skills.Conversation;

namespace CityWarmth.Skills.WageDispute;

/// <summary>The intake's questions, examples and buttons (short plain simplified Chinese).</summary>
internal static class WageIntakePrompts
{
    public const string Skip = "跳过";
    public const string Done = "完成";
    public const string NoneHeld = "都没有";
    public const string Submit = "确认提交";
    public const string ConfirmCancel = "确定取消";
    public const string KeepGoing = "继续登记";
    public const string Agree = "同意";
    public const string Disagree = "不同意";

    public const string Intro = "好的，我来帮你登记欠薪情况，一次问一个问题，几分钟就好。中途想改可以说“修改金额”这类话，不想登记了说“取消”。";

    public const string ConsentText =
        "最后确认一下个人信息的使用：你的姓名、电话和上面填的欠薪情况，会交给本平台的维权工作人员，" +
        "只用来核实情况、联系你，并在你同意后转给人社部门（劳动保障监察）处理。不会公开，也不会用作别的用途；" +
        "你可以随时要求查看或删除。同意吗？";

    public static string Question(WageIntakeStep step, WageIntakeState s) => step switch
    {
        WageIntakeStep.Employer => "是谁欠你的工资？可以选类型，也可以直接写，比如“包工头张三”或“恒达建筑有限公司”。",
        WageIntakeStep.EmployerName => $"这个{(s.EmployerKind is { } k ? EmployerParser.Label(k) : "老板")}叫什么名字？公司写全称最好。不知道可以点“跳过”。",
        WageIntakeStep.Workplace => "你在哪里干的活？写工地、项目或单位的地址，比如“东湖区光谷大道某某小区工地”。",
        WageIntakeStep.District => "这个地方属于哪个区或县？比如“东湖区”。不清楚可以点“跳过”。",
        WageIntakeStep.Trade => "你干的是什么活（工种）？",
        WageIntakeStep.Construction => "这是建筑工地或工程项目吗？",
        WageIntakeStep.GeneralContractor => "知道这个工程的总包单位或项目名称吗？工地门口的告示牌上一般有写。不知道可以点“跳过”。",
        WageIntakeStep.Amount => "一共欠你多少钱？比如“12000元”或“一万二”，说个大概也行。",
        WageIntakeStep.Period => "欠的是哪段时间的工资？比如“今年3月到6月”或“三个月”。",
        WageIntakeStep.JobEnded => "你现在还在那里干活吗？",
        WageIntakeStep.JobEndDate => "哪天不干的？说个大概也行，比如“上个月”或“3月15号”。",
        WageIntakeStep.WorkerCount => "一共有几个人被欠工资？",
        WageIntakeStep.Evidence => "你手上有哪些证据？可以点多个，选好后点“完成”。都没有也没关系。",
        WageIntakeStep.WorkerName => "你叫什么名字？工作人员联系你时用。",
        WageIntakeStep.Phone => "你的手机号是多少？工作人员会打这个电话联系你。",
        WageIntakeStep.Consent => ConsentText,
        _ => "请核对登记信息。",
    };

    /// <summary>What to say when an answer cannot be used: kind, with an example.</summary>
    public static string Retry(WageIntakeStep step) => step switch
    {
        WageIntakeStep.Employer => "没太看懂是谁欠的钱。可以点下面的按钮，或者写“包工头张三”“某某公司”。",
        WageIntakeStep.EmployerName => "没太看懂名字。比如“张三”或“恒达建筑有限公司”，不知道就点“跳过”。",
        WageIntakeStep.Workplace => "请写一下干活的地方，比如“东湖区某某小区工地”或“某某电子厂”。",
        WageIntakeStep.District => "请写区或县的名字，比如“东湖区”“黄陂区”“沛县”。",
        WageIntakeStep.Trade => "请写工种，比如“钢筋工”“小工”“服务员”。",
        WageIntakeStep.Construction => "请点“是”或“不是”。",
        WageIntakeStep.GeneralContractor => "请写总包单位或项目名称，比如“中建某局”“某某花园项目”，不知道就点“跳过”。",
        WageIntakeStep.Amount => "没看懂这个金额。可以这样写：“8500元”“一万二”“两万三千”。",
        WageIntakeStep.Period => "没看懂这段时间。可以这样写：“今年3月到6月”“去年10月至今”“三个月”。",
        WageIntakeStep.JobEnded => "请点“已经不干了”或“还在干”。",
        WageIntakeStep.JobEndDate => "没看懂日期。可以这样写：“上个月”“3月15号”“两个月前”，记不清就点“记不清了”。",
        WageIntakeStep.WorkerCount => "请写人数，比如“5个人”“十几个人”，只有你就点“就我一个”。",
        WageIntakeStep.Evidence => "请点下面的按钮选证据，选好后点“完成”；都没有就点“都没有”。",
        WageIntakeStep.WorkerName => "请写你的真实姓名，比如“王小明”。只写姓也可以，比如“姓王”。",
        WageIntakeStep.Phone => "这个号码好像不对。请写11位手机号，比如“138 1234 5678”。",
        WageIntakeStep.Consent => "请点“同意”或“不同意”。",
        _ => "没问题的话请点“确认提交”，要改哪一项就点“修改……”。",
    };

    public static IReadOnlyList<ReplyButton> Buttons(WageIntakeStep step, WageIntakeState s) => step switch
    {
        WageIntakeStep.Employer => [new("公司/单位", "公司"), ReplyButton.Of("包工头"), ReplyButton.Of("班组长"), ReplyButton.Of("个人老板")],
        WageIntakeStep.EmployerName or WageIntakeStep.District or WageIntakeStep.GeneralContractor => [ReplyButton.Of(Skip)],
        WageIntakeStep.Trade => [ReplyButton.Of("钢筋工"), ReplyButton.Of("木工"), ReplyButton.Of("瓦工"), ReplyButton.Of("小工"), ReplyButton.Of(Skip)],
        WageIntakeStep.Construction => [ReplyButton.Of("是"), ReplyButton.Of("不是")],
        WageIntakeStep.JobEnded => [ReplyButton.Of("已经不干了"), ReplyButton.Of("还在干")],
        WageIntakeStep.JobEndDate => [ReplyButton.Of("这个月"), ReplyButton.Of("上个月"), new("记不清了", Skip)],
        WageIntakeStep.WorkerCount => [ReplyButton.Of("就我一个"), ReplyButton.Of("十几个人"), ReplyButton.Of("几十个人"), ReplyButton.Of(Skip)],
        WageIntakeStep.Evidence =>
        [
            .. EvidenceParser.All.Where(k => !s.Evidence.Contains(k)).Select(k => ReplyButton.Of(EvidenceParser.Label(k))),
            ReplyButton.Of(s.Evidence.Count == 0 ? NoneHeld : Done),
        ],
        WageIntakeStep.Consent => [ReplyButton.Of(Agree), ReplyButton.Of(Disagree)],
        _ => [],
    };

    /// <summary>Labels a worker can use after "修改", and the question each one reopens.</summary>
    public static readonly (string Label, WageIntakeStep Step)[] EditTargets =
    [
        ("欠薪方", WageIntakeStep.Employer), ("老板", WageIntakeStep.Employer), ("包工头", WageIntakeStep.Employer),
        ("公司", WageIntakeStep.Employer), ("单位", WageIntakeStep.Employer),
        ("地点", WageIntakeStep.Workplace), ("地址", WageIntakeStep.Workplace), ("工地", WageIntakeStep.Workplace),
        ("项目", WageIntakeStep.Workplace),
        ("区县", WageIntakeStep.District), ("区", WageIntakeStep.District),
        ("工种", WageIntakeStep.Trade),
        ("是否工地", WageIntakeStep.Construction), ("建筑工程", WageIntakeStep.Construction),
        ("总包", WageIntakeStep.GeneralContractor),
        ("金额", WageIntakeStep.Amount), ("钱数", WageIntakeStep.Amount), ("工钱", WageIntakeStep.Amount),
        ("工资", WageIntakeStep.Amount), ("欠款", WageIntakeStep.Amount),
        ("时间", WageIntakeStep.Period), ("欠薪时间", WageIntakeStep.Period), ("月份", WageIntakeStep.Period),
        ("离职时间", WageIntakeStep.JobEndDate),
        ("离职", WageIntakeStep.JobEnded), ("离职情况", WageIntakeStep.JobEnded),
        ("人数", WageIntakeStep.WorkerCount),
        ("证据", WageIntakeStep.Evidence),
        ("姓名", WageIntakeStep.WorkerName), ("名字", WageIntakeStep.WorkerName),
        ("电话", WageIntakeStep.Phone), ("手机", WageIntakeStep.Phone), ("手机号", WageIntakeStep.Phone),
        ("号码", WageIntakeStep.Phone),
    ];

    /// <summary>The summary's field buttons, in the order shown.</summary>
    public static readonly (string Label, WageIntakeStep Step)[] SummaryEdits =
    [
        ("欠薪方", WageIntakeStep.Employer), ("地点", WageIntakeStep.Workplace), ("金额", WageIntakeStep.Amount),
        ("时间", WageIntakeStep.Period), ("离职", WageIntakeStep.JobEnded), ("人数", WageIntakeStep.WorkerCount),
        ("证据", WageIntakeStep.Evidence), ("姓名", WageIntakeStep.WorkerName), ("电话", WageIntakeStep.Phone),
    ];
}
