using CityWarmth.Skills.WageDispute;
using Microsoft.SemanticKernel;

namespace CityWarmth.Skills.Tests.WageDispute;

public sealed class ComplaintSheetTests
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
    public void LaysTheCaseOutAsAComplaint()
    {
        var sheet = ComplaintSheet.From(Case("王小明", "张三"));

        Assert.Equal("QX-20250615-0001", sheet.CaseNumber);
        Assert.Equal("2025年6月15日", sheet.SubmittedOn);
        Assert.Contains(new ComplaintSheetField("姓名", "王小明"), sheet.Complainant);
        Assert.Contains(new ComplaintSheetField("联系电话", "13812345678"), sheet.Complainant);
        Assert.Contains(new ComplaintSheetField("名称/姓名", "张三"), sheet.Respondent);
        Assert.Contains(new ComplaintSheetField("工程总包/项目", "中建某局"), sheet.Respondent);
        Assert.Contains("2025年3月至2025年5月的工资未发", sheet.Facts);
        Assert.Equal("12000元", sheet.Amount);
        Assert.NotEmpty(sheet.Evidence);
        Assert.Contains(sheet.Routes, r => r.Contains("2026年6月1日", StringComparison.Ordinal)); // arbitration deadline
        Assert.NotEmpty(sheet.DeadlineNotes);
        Assert.NotEmpty(sheet.LiabilityNotes);
    }

    [Fact]
    public void KeepsWhatTheWorkerTypedAsTyped()
    {
        // Encoding is the page's job (the host's Razor page); the sheet holds the worker's words unchanged.
        var sheet = ComplaintSheet.From(Case("王<b>明", "<script>alert(1)</script>"));

        Assert.Contains(new ComplaintSheetField("姓名", "王<b>明"), sheet.Complainant);
        Assert.Contains(new ComplaintSheetField("名称/姓名", "<script>alert(1)</script>"), sheet.Respondent);
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
