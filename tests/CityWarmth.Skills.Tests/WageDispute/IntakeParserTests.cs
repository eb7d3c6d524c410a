using CityWarmth.Skills.WageDispute;

namespace CityWarmth.Skills.Tests.WageDispute;

public sealed class JobStatusParserTests
{
    private static readonly DateOnly Today = TestClock.Today;

    [Theory]
    [InlineData("已经不干了", true)]
    [InlineData("上个月离职了", true)]
    [InlineData("被老板开除了", true)]
    [InlineData("工程完工了", true)]
    [InlineData("还在干", false)]
    [InlineData("还在上班", false)]
    [InlineData("没离职", false)]
    [InlineData("還在幹", false)]
    public void ReadsWhetherTheJobHasEnded(string input, bool ended)
    {
        Assert.Equal(ended, JobStatusParser.Parse(input, Today)?.Ended);
    }

    [Theory]
    [InlineData("昨天", "2025-06-14", false)]
    [InlineData("两个月前", "2025-04-15", true)]
    [InlineData("上个月", "2025-05-01", true)]
    [InlineData("3月15号", "2025-03-15", false)]
    [InlineData("去年12月", "2024-12-01", true)]
    [InlineData("半个月前", "2025-05-31", true)]
    [InlineData("3月底", "2025-03-31", true)]
    [InlineData("去年年底", "2024-12-31", true)]
    [InlineData("4月中", "2025-04-15", true)]
    [InlineData("2025年1月8日", "2025-01-08", false)]
    public void ReadsWhenTheJobEnded(string input, string date, bool approximate)
    {
        var parsed = JobStatusParser.ParseDate(input, Today);

        Assert.NotNull(parsed);
        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), parsed.Value.Date);
        Assert.Equal(approximate, parsed.Value.Approximate);
    }

    [Fact]
    public void ReadsTheEndDateInTheSameSentence()
    {
        var status = JobStatusParser.Parse("3月份就离职了", Today);

        Assert.Equal(new DateOnly(2025, 3, 1), status?.EndedOn);
    }
}

public sealed class WorkerCountParserTests
{
    [Theory]
    [InlineData("就我一个", 1, false)]
    [InlineData("我们十几个人", 10, true)]
    [InlineData("20多个工友", 20, true)]
    [InlineData("三个人", 3, false)]
    [InlineData("5", 5, false)]
    [InlineData("几十个人", 20, true)]
    [InlineData("只有我", 1, false)]
    public void ReadsHowManyWorkersAreOwed(string input, int count, bool approximate)
    {
        var workers = WorkerCountParser.Parse(input);

        Assert.NotNull(workers);
        Assert.Equal(count, workers.Count);
        Assert.Equal(approximate, workers.Approximate);
    }

    [Theory]
    [InlineData("很多")]
    [InlineData("")]
    [InlineData("一万二")]
    public void RejectsAnswersWithoutACount(string input)
    {
        Assert.Null(WorkerCountParser.Parse(input));
    }
}

public sealed class EmployerParserTests
{
    [Theory]
    [InlineData("包工头张三", EmployerKind.LabourContractor, "张三")]
    [InlineData("恒达建筑有限公司", EmployerKind.Company, "恒达建筑有限公司")]
    [InlineData("我在武汉恒达劳务有限公司上班", EmployerKind.Company, "武汉恒达劳务有限公司")]
    [InlineData("班组长老王", EmployerKind.TeamLeader, "老王")]
    [InlineData("包工头", EmployerKind.LabourContractor, null)]
    [InlineData("公司", EmployerKind.Company, null)]
    [InlineData("个人老板", EmployerKind.Individual, null)]
    [InlineData("李老板", null, "李老板")]
    public void ReadsWhoOwesTheWages(string input, EmployerKind? kind, string? name)
    {
        var employer = EmployerParser.Parse(input);

        Assert.NotNull(employer);
        Assert.Equal(kind, employer.Kind);
        Assert.Equal(name, employer.Name);
    }
}

public sealed class WorkplaceParserTests
{
    [Theory]
    [InlineData("东湖区工地的包工头", "东湖区")]
    [InlineData("在武汉市洪山区干活", "武汉市洪山区")]
    [InlineData("沛县的一个厂", "沛县")]
    [InlineData("在小区里装修", null)]
    [InlineData("在深圳市打工", "深圳市")]
    public void FindsTheDistrict(string input, string? district)
    {
        Assert.Equal(district, WorkplaceParser.FindDistrict(input));
    }

    [Theory]
    [InlineData("东湖区工地的包工头", true)]
    [InlineData("我是钢筋工", true)]
    [InlineData("在电子厂流水线", false)]
    [InlineData("饭店服务员", false)]
    [InlineData("你好", null)]
    public void TellsConstructionFromOtherWork(string input, bool? construction)
    {
        Assert.Equal(construction, WorkplaceParser.FindConstruction(input));
    }

    [Theory]
    [InlineData("是", true)]
    [InlineData("不是", false)]
    [InlineData("是工地", true)]
    [InlineData("在饭店", false)]
    public void ReadsTheConstructionAnswer(string input, bool expected)
    {
        Assert.Equal(expected, WorkplaceParser.ParseConstruction(input));
    }
}

public sealed class EvidenceParserTests
{
    [Fact]
    public void ReadsSeveralItemsAndSkipsNegatedOnes()
    {
        var evidence = EvidenceParser.Parse("没签合同，有考勤表和微信聊天记录，还有欠条");

        Assert.NotNull(evidence);
        Assert.Equal([EvidenceKind.Attendance, EvidenceKind.IouOrSettlement, EvidenceKind.Chats], evidence.Items);
    }

    [Theory]
    [InlineData("都没有")]
    [InlineData("什么都没有")]
    [InlineData("没有")]
    public void ReadsNothingHeld(string input)
    {
        Assert.True(EvidenceParser.Parse(input)?.NoneHeld);
    }

    [Fact]
    public void ReadsAButtonLabel()
    {
        Assert.Equal([EvidenceKind.TransferRecords], EvidenceParser.Parse("转账记录")!.Items);
    }
}

public sealed class WageTextTests
{
    [Theory]
    [InlineData("１２０００元", "12000元")]
    [InlineData("兩萬塊錢", "两万块钱")]
    [InlineData("　欠薪　", "欠薪")]
    [InlineData("工地搬磚三個月，找勞動監察大隊", "工地搬砖三个月,找劳动监察大队")]
    public void NormalisesFullWidthAndTraditionalCharacters(string input, string expected)
    {
        Assert.Equal(expected, WageText.Normalize(input));
    }

    [Theory]
    [InlineData("欠薪去哪里投诉？", true)]
    [InlineData("仲裁要钱吗", true)]
    [InlineData("什么都没有", false)]
    [InlineData("一万二", false)]
    public void TellsQuestionsFromAnswers(string input, bool question)
    {
        Assert.Equal(question, WageText.LooksLikeQuestion(WageText.Normalize(input)));
    }
}
