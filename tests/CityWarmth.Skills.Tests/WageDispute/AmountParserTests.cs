using CityWarmth.Skills.WageDispute;

namespace CityWarmth.Skills.Tests.WageDispute;

public sealed class AmountParserTests
{
    [Theory]
    [InlineData("三千五", 3500, false)]
    [InlineData("1.2万", 12000, false)]
    [InlineData("12000元", 12000, false)]
    [InlineData("一万二", 12000, false)]
    [InlineData("两万三千", 23000, false)]
    [InlineData("八千多", 8000, true)]
    [InlineData("3k", 3000, false)]
    [InlineData("3K块", 3000, false)]
    [InlineData("￥8,500", 8500, false)]
    [InlineData("¥8,500.50", 8500.5, false)]
    [InlineData("兩萬", 20000, false)]
    [InlineData("一萬二千五百元", 12500, false)]
    [InlineData("１２０００元", 12000, false)]
    [InlineData("12000", 12000, false)]
    [InlineData("大概一万块", 10000, true)]
    [InlineData("一万块左右", 10000, true)]
    [InlineData("5000块钱", 5000, false)]
    [InlineData("一共欠我两万", 20000, false)]
    [InlineData("1万2", 12000, false)]
    [InlineData("1.5w", 15000, false)]
    [InlineData("二十万", 200000, false)]
    [InlineData("一千零五十元", 1050, false)]
    [InlineData("九千八百块", 9800, false)]
    [InlineData("两万多", 20000, true)]
    [InlineData("RMB 6000", 6000, false)]
    public void ReadsAnswersAsWorkersWriteThem(string input, double yuan, bool approximate)
    {
        var amount = AmountParser.Parse(input);

        Assert.NotNull(amount);
        Assert.Equal((decimal)yuan, amount.Yuan);
        Assert.Equal(approximate, amount.Approximate);
    }

    [Theory]
    [InlineData("")]
    [InlineData("不知道")]
    [InlineData("三个月")]
    [InlineData("十几个人")]
    [InlineData("2024年")]
    [InlineData("几千块")]
    [InlineData("13812345678")]
    public void RejectsAnswersThatAreNotAmounts(string input)
    {
        Assert.Null(AmountParser.Parse(input));
    }

    [Theory]
    [InlineData("东湖区工地的包工头张三欠我三个月工钱一万二", 12000)]
    [InlineData("老板拖欠了我们8500元工资", 8500)]
    [InlineData("干了5个月，工资欠了3万多", 30000)]
    [InlineData("欠我 6000", 6000)]
    public void FindsTheAmountInsideAMessage(string text, double yuan)
    {
        Assert.Equal((decimal)yuan, AmountParser.Find(text)?.Yuan);
    }

    [Theory]
    [InlineData("我在3号楼干了5个月")]
    [InlineData("我们有20个人")]
    [InlineData("今年3月到6月")]
    public void FindsNoAmountWhereNumbersMeanSomethingElse(string text)
    {
        Assert.Null(AmountParser.Find(text));
    }

    [Fact]
    public void DisplaysApproximateAmountsWithAQualifier()
    {
        Assert.Equal("约8000元", AmountParser.Parse("八千多")!.Display);
        Assert.Equal("12000元", AmountParser.Parse("一万二")!.Display);
    }
}
