using CityWarmth.Skills.WageDispute;

namespace CityWarmth.Skills.Tests.WageDispute;

public sealed class DeadlineCalculatorTests
{
    private static readonly DateOnly Today = TestClock.Today; // 2025-06-15

    [Fact]
    public void ArbitrationHasNoLimitWhileStillEmployed()
    {
        var result = DeadlineCalculator.Arbitration(new DeadlineFacts(false, null, new DateOnly(2023, 1, 31), false), Today);

        Assert.Equal(LimitState.NotRunning, result.State);
        Assert.Null(result.Deadline);
        Assert.Contains("不受一年时效限制", result.Explanation);
    }

    [Fact]
    public void ArbitrationEndsOneYearAfterAJobThatEndedTenMonthsAgo()
    {
        var ended = Today.AddMonths(-10); // 2024-08-15
        var result = DeadlineCalculator.Arbitration(new DeadlineFacts(true, ended, null, false), Today);

        Assert.Equal(LimitState.Running, result.State);
        Assert.Equal(new DateOnly(2025, 8, 15), result.Deadline);
        Assert.Equal(61, result.DaysLeft);
        Assert.Contains("2025年8月15日", result.Explanation);
    }

    [Fact]
    public void ArbitrationHasExpiredForAJobThatEndedThirteenMonthsAgo()
    {
        var ended = Today.AddMonths(-13); // 2024-05-15
        var result = DeadlineCalculator.Arbitration(new DeadlineFacts(true, ended, null, false), Today);

        Assert.Equal(LimitState.Expired, result.State);
        Assert.Equal(new DateOnly(2025, 5, 15), result.Deadline);
        Assert.True(result.DaysLeft < 0);
        Assert.Contains("重新计算", result.Explanation); // interruption by a demand restarts the year
    }

    [Fact]
    public void ArbitrationIsUnknownWhenTheEndDateIsMissing()
    {
        Assert.Equal(LimitState.Unknown, DeadlineCalculator.Arbitration(new DeadlineFacts(true, null, null, false), Today).State);
    }

    [Fact]
    public void ArbitrationLastDayIsStillOpen()
    {
        var result = DeadlineCalculator.Arbitration(new DeadlineFacts(true, Today.AddYears(-1), null, false), Today);

        Assert.Equal(LimitState.Running, result.State);
        Assert.Equal(0, result.DaysLeft);
    }

    [Fact]
    public void InspectionRunsTwoYearsFromTheLastUnpaidDay()
    {
        var result = DeadlineCalculator.Inspection(new DeadlineFacts(true, new DateOnly(2024, 7, 1), new DateOnly(2024, 6, 30), false), Today);

        Assert.Equal(LimitState.Running, result.State);
        Assert.Equal(new DateOnly(2026, 6, 30), result.Deadline);
    }

    [Fact]
    public void InspectionNoLongerActsOnArrearsOlderThanTwoYears()
    {
        var result = DeadlineCalculator.Inspection(new DeadlineFacts(true, new DateOnly(2023, 6, 1), new DateOnly(2023, 5, 31), false), Today);

        Assert.Equal(LimitState.Expired, result.State);
        Assert.Equal(new DateOnly(2025, 5, 31), result.Deadline);
    }

    [Fact]
    public void InspectionWindowHasNotStartedWhileArrearsContinue()
    {
        var result = DeadlineCalculator.Inspection(new DeadlineFacts(false, null, null, true), Today);

        Assert.Equal(LimitState.NotRunning, result.State);
    }

    [Fact]
    public void InspectionCountsFromTheEndOfEmploymentWhenArrearsRanUntilLeaving()
    {
        var result = DeadlineCalculator.Inspection(new DeadlineFacts(true, new DateOnly(2024, 3, 1), null, true), Today);

        Assert.Equal(new DateOnly(2026, 3, 1), result.Deadline);
    }
}

public sealed class WageAdvisorTests
{
    private static WageCase Case(bool construction, EmployerKind? kind, string? contractor = null, params EvidenceKind[] evidence)
    {
        var state = new WageIntakeState
        {
            EmployerKind = kind,
            EmployerName = "张三",
            IsConstruction = construction,
            GeneralContractor = contractor,
            AmountYuan = 12000,
            PeriodFrom = new DateOnly(2025, 1, 1),
            PeriodTo = new DateOnly(2025, 3, 31),
            JobEnded = true,
            JobEndedOn = new DateOnly(2025, 4, 1),
            Evidence = [.. evidence],
        };
        return WageCase.FromIntake(state, "conv", "test", DateTimeOffset.UnixEpoch, TestClock.Today);
    }

    [Fact]
    public void ConstructionCaseWithALabourContractorNamesTheGeneralContractorFirst()
    {
        var notes = WageAdvisor.WhoMustPay(Case(true, EmployerKind.LabourContractor, "中建某局"));

        Assert.Contains(notes, n => n.Contains("中建某局") && n.Contains("先行清偿") && n.Contains("第三十条"));
        Assert.Contains(notes, n => n.Contains("第三十六条"));
        Assert.Contains(notes, n => n.Contains("建设单位") && n.Contains("第二十九条"));
    }

    [Fact]
    public void ConstructionCaseOwedByACompanyDoesNotCiteTheRuleForIndividuals()
    {
        var notes = WageAdvisor.WhoMustPay(Case(true, EmployerKind.Company));

        Assert.Contains(notes, n => n.Contains("施工总承包单位（总包）先行清偿"));
        Assert.DoesNotContain(notes, n => n.Contains("第三十六条"));
    }

    [Fact]
    public void NonConstructionWorkThroughAContractorCitesTheUserUnit()
    {
        var notes = WageAdvisor.WhoMustPay(Case(false, EmployerKind.LabourContractor));

        Assert.Contains(notes, n => n.Contains("用工单位") && n.Contains("第十八条"));
        Assert.DoesNotContain(notes, n => n.Contains("第三十条"));
    }

    [Fact]
    public void AnIouAddsTheCourtRouteAndIsNotAskedForAgain()
    {
        var c = Case(false, EmployerKind.Individual, null, EvidenceKind.IouOrSettlement);

        Assert.Contains(c.Routes, r => r.Name.Contains("欠条"));
        Assert.DoesNotContain(c.EvidenceAdvice, a => a.Contains("写欠条"));
        Assert.Contains(c.EvidenceAdvice, a => a.Contains("第五十条"));
    }

    [Fact]
    public void RoutesCarryThisWorkersDeadlines()
    {
        var c = Case(false, EmployerKind.Company);

        var arbitration = Assert.Single(c.Routes, r => r.Name.StartsWith("劳动争议仲裁"));
        Assert.Equal(new DateOnly(2026, 4, 1), arbitration.Deadline);
        var inspection = Assert.Single(c.Routes, r => r.Name.StartsWith("劳动保障监察"));
        Assert.Equal(new DateOnly(2027, 3, 31), inspection.Deadline);
        Assert.Contains(c.Routes, r => r.Name.Contains("12333"));
        Assert.Contains(c.Routes, r => r.Name.Contains("12351"));
        Assert.Contains(c.Routes, r => r.Name.Contains("12348"));
    }
}
