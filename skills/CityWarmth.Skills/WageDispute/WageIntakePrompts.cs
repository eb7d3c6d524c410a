namespace CityWarmth.Skills.WageDispute;

/// <summary>The intake's fixed words: button values it reads back and the texts not tied to one question.</summary>
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
    public const string TalkToPerson = "转人工";

    public const string Intro = "好的，我来帮你登记欠薪情况，一次问一个问题，几分钟就好。中途想改可以说“修改金额”这类话，不想登记了说“取消”。";

    public const string ConsentText =
        "最后确认一下个人信息的使用：你的姓名、电话和上面填的欠薪情况，会交给本平台的维权工作人员，" +
        "只用来核实情况、联系你，并在你同意后转给人社部门（劳动保障监察）处理。不会公开，也不会用作别的用途；" +
        "你可以随时要求查看或删除。同意吗？";

    public const string CheckSummary = "请核对登记信息，没问题就点“确认提交”。";

    public const string SummaryRetry = "没问题的话请点“确认提交”，要改哪一项就点“修改……”。";
}
