using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace CityWarmth.Skills.WageDispute;

/// <summary>What the model gets back from <c>start_wage_report</c>: a signal for the router and the fields it understood.</summary>
/// <param name="Action">Always <see cref="WageDisputePlugin.StartIntakeAction"/>; the router opens the intake.</param>
/// <param name="Understood">The fields that parsed, in plain Chinese, for the model to acknowledge.</param>
public sealed record WageReportStart(string Action, IReadOnlyList<string> Understood)
{
    /// <summary>The parsed fields, passed to <see cref="WageIntakeSkill.StartAsync"/> by the router.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public WageSlots Slots { get; init; } = new();
}

/// <summary>Lets the model route a worker with unpaid wages into the guided intake.</summary>
public sealed class WageDisputePlugin(TimeProvider timeProvider)
{
    public const string StartIntakeAction = "start_wage_intake";

    [KernelFunction("start_wage_report")]
    [Description("工人说老板、包工头或公司拖欠工资，想登记、投诉或求助时调用：开始欠薪求助登记（一步步问清情况，生成登记编号，告诉他去哪里投诉和期限）。只回答政策问题时不要调用。")]
    public WageReportStart StartWageReport(
        [Description("欠工资的一方，原话即可，如“包工头张三”“恒达建筑公司”")] string? employer = null,
        [Description("欠的金额，原话即可，如“一万二”“8500元”")] string? amount = null,
        [Description("欠薪的时间段，原话即可，如“今年3月到6月”“三个月”")] string? period = null,
        [Description("干活的地点、工地或项目，含区县，如“东湖区某某工地”")] string? workplace = null,
        [Description("是否是建筑工地或工程项目")] bool? construction = null)
    {
        var today = WageCaseNumber.Today(timeProvider);
        var slots = new WageSlots
        {
            Employer = employer is null ? null : EmployerParser.Parse(employer),
            Amount = AmountParser.Parse(amount),
            Period = PeriodParser.Parse(period, today),
            Workplace = WorkplaceParser.ParseWorkplace(workplace),
            District = WorkplaceParser.FindDistrict(workplace),
            IsConstruction = construction ?? WorkplaceParser.FindConstruction(workplace),
        };
        var understood = new List<string>();
        if (slots.Employer is { } e)
        {
            understood.Add($"欠薪方：{e.Display}");
        }
        if (slots.Amount is { } a)
        {
            understood.Add($"金额：{a.Display}");
        }
        if (slots.Period is { } p)
        {
            understood.Add($"时间：{p.Display}");
        }
        if (slots.Workplace is { } w)
        {
            understood.Add($"地点：{w}");
        }
        return new WageReportStart(StartIntakeAction, understood) { Slots = slots };
    }
}
