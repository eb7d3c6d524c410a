using CityWarmth.Skills.WageDispute;
using Microsoft.SemanticKernel;

namespace CityWarmth.Skills.Tests.WageDispute;

public sealed class ComplaintSheetRendererTests
{
    private static WageCase Case(string workerName, string employerName)
    {
        var state = new WageIntakeState
        {
            EmployerKind = EmployerKind.LabourContractor,
            EmployerName = employerName,
            Workplace = "东湖区某某小区工地",
            District = "东湖区",
            Trade = "钢筋工",
            IsConstruction = true,
            GeneralContractor = "中建某局",
            AmountYuan = 12000,
            PeriodFrom = new DateOnly(2025, 3, 1),
            PeriodTo = new DateOnly(2025, 5, 31),
            JobEnded = true,
            JobEndedOn = new DateOnly(2025, 6, 1),
            WorkerCount = 3,
            Evidence = [EvidenceKind.IouOrSettlement],
            WorkerName = workerName,
            Phone = "13812345678",
            ConsentGiven = true,
        };
        var c = WageCase.FromIntake(state, "conv", "webchat", DateTimeOffset.UnixEpoch, TestClock.Today);
        c.CaseNumber = "QX-20250615-0001";
        c.SubmittedAt = new DateTimeOffset(2025, 6, 15, 10, 0, 0, TimeSpan.FromHours(8));
        return c;
    }

    [Fact]
    public void RendersACompletePrintablePageLaidOutAsAComplaint()
    {
        var html = ComplaintSheetRenderer.Render(Case("王小明", "张三"));

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.EndsWith("</html>", html.TrimEnd());
        Assert.Contains("@media print", html);
        Assert.Contains("name=\"viewport\"", html);
        foreach (var section in new[] { "投诉人", "被投诉单位（个人）", "事实与请求", "证据", "办理途径与期限", "QX-20250615-0001" })
        {
            Assert.Contains(section, html);
        }
        Assert.Contains("王小明", html);
        Assert.Contains("13812345678", html);
        Assert.Contains("2025年3月至2025年5月的工资未发", html);
        Assert.Contains("12000元", html);
        Assert.Contains("2026年6月1日", html); // arbitration deadline
        Assert.Contains("中建某局", html);
    }

    [Fact]
    public void EncodesEverythingTheWorkerTyped()
    {
        var html = ComplaintSheetRenderer.Render(Case("王<b>明", "<script>alert(1)</script>"));

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.DoesNotContain("<b>", html);
    }
}

public sealed class WageCaseNumberTests
{
    [Fact]
    public void FormatsAndParsesCaseNumbers()
    {
        var number = WageCaseNumber.Format(new DateOnly(2025, 6, 15), 7);

        Assert.Equal("QX-20250615-0007", number);
        Assert.True(WageCaseNumber.TryParse(number, out var day, out var seq));
        Assert.Equal(new DateOnly(2025, 6, 15), day);
        Assert.Equal(7, seq);
        Assert.False(WageCaseNumber.TryParse("QX-20251315-0001", out _, out _));
        Assert.False(WageCaseNumber.TryParse("QX-20250615-0000", out _, out _));
    }

    [Fact]
    public void UsesTheChinaDateNotTheServersDate()
    {
        // 17:00 UTC on 14 June is already 01:00 on 15 June in China.
        Assert.Equal(new DateOnly(2025, 6, 15), WageCaseNumber.ChinaDate(new DateTimeOffset(2025, 6, 14, 17, 0, 0, TimeSpan.Zero)));
    }
}

public sealed class WageSlotExtractorTests
{
    [Fact]
    public void ExtractsEveryFieldTheExampleMessageHolds()
    {
        var slots = WageSlotExtractor.Extract("东湖区工地的包工头张三欠我三个月工钱一万二", TestClock.Today);

        Assert.Equal(new EmployerInfo(EmployerKind.LabourContractor, "张三"), slots.Employer);
        Assert.Equal("东湖区", slots.District);
        Assert.True(slots.IsConstruction);
        Assert.Equal(3, slots.Period?.Months);
        Assert.Equal(12000m, slots.Amount?.Yuan);
        Assert.Null(slots.Phone);
    }

    [Fact]
    public void ExtractsFromATraditionalMessageWithWorkersAndEvidence()
    {
        var slots = WageSlotExtractor.Extract("我們十幾個人在恒達建築有限公司幹活，去年10月到今年2月沒發工資，老闆跑路了，我有欠條", TestClock.Today);

        Assert.Equal(EmployerKind.Company, slots.Employer?.Kind);
        Assert.Equal(10, slots.Workers?.Count);
        Assert.Equal(new DateOnly(2024, 10, 1), slots.Period?.From);
        Assert.Contains(EvidenceKind.IouOrSettlement, slots.Evidence);
        Assert.DoesNotContain(EvidenceKind.Witnesses, slots.Evidence);
        Assert.True(slots.EmployerAbsconded);
    }

    [Fact]
    public void AMessageWithNoFactsIsEmpty()
    {
        Assert.True(WageSlotExtractor.Extract("你好", TestClock.Today).IsEmpty);
    }
}

public sealed class WageDisputePluginTests
{
    [Fact]
    public void LoadsAsAKernelPluginWithAnAsciiFunctionName()
    {
        var plugin = KernelPluginFactory.CreateFromObject(new WageDisputePlugin(new TestClock()), "wage_dispute");

        Assert.True(plugin.TryGetFunction("start_wage_report", out var function));
        Assert.Contains("欠薪", function.Description);
    }

    [Fact]
    public void SignalsTheIntakeWithTheFieldsItUnderstood()
    {
        var start = new WageDisputePlugin(new TestClock()).StartWageReport(employer: "包工头张三", amount: "一万二", period: "三个月", workplace: "东湖区某某工地");

        Assert.Equal(WageDisputePlugin.StartIntakeAction, start.Action);
        Assert.Equal(12000m, start.Slots.Amount?.Yuan);
        Assert.Equal("东湖区", start.Slots.District);
        Assert.True(start.Slots.IsConstruction);
        Assert.Contains(start.Understood, u => u.Contains("包工头 张三"));
    }
}
