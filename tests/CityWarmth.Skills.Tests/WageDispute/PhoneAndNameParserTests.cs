using CityWarmth.Skills.WageDispute;

namespace CityWarmth.Skills.Tests.WageDispute;

public sealed class PhoneParserTests
{
    [Theory]
    [InlineData("13812345678", "13812345678")]
    [InlineData("138 1234 5678", "13812345678")]
    [InlineData("138-1234-5678", "13812345678")]
    [InlineData("+86 138 1234 5678", "13812345678")]
    [InlineData("+8613812345678", "13812345678")]
    [InlineData("0086-13812345678", "13812345678")]
    [InlineData("１３８１２３４５６７８", "13812345678")]
    [InlineData("我的电话是19912345678，白天都在", "19912345678")]
    [InlineData("手机：159 0000 1111", "15900001111")]
    public void ReadsMobileNumbersWrittenManyWays(string input, string expected)
    {
        Assert.Equal(expected, PhoneParser.Find(input));
    }

    [Theory]
    [InlineData("12812345678")]
    [InlineData("1381234567")]
    [InlineData("138123456789")]
    [InlineData("027-87654321")]
    [InlineData("没有手机")]
    [InlineData("")]
    public void RejectsWhatIsNotAValidMobileNumber(string input)
    {
        Assert.Null(PhoneParser.Find(input));
    }

    [Fact]
    public void MasksTheMiddleDigits()
    {
        Assert.Equal("138****5678", PiiMask.Phone("13812345678"));
    }
}

public sealed class NameParserTests
{
    [Theory]
    [InlineData("张三", "张三", false)]
    [InlineData("我叫张三", "张三", false)]
    [InlineData("我是王小明", "王小明", false)]
    [InlineData("名字叫李娜", "李娜", false)]
    [InlineData("欧阳娜娜", "欧阳娜娜", false)]
    [InlineData("姓李", "李", true)]
    [InlineData("我姓王", "王", true)]
    [InlineData("張偉", "张伟", false)]
    [InlineData("刘德华。", "刘德华", false)]
    public void ReadsNames(string input, string expected, bool surnameOnly)
    {
        var name = NameParser.Parse(input);

        Assert.NotNull(name);
        Assert.Equal(expected, name.Value);
        Assert.Equal(surnameOnly, name.SurnameOnly);
    }

    [Theory]
    [InlineData("不知道")]
    [InlineData("不告诉你")]
    [InlineData("老板")]
    [InlineData("张老板")]
    [InlineData("工地")]
    [InlineData("你好")]
    [InlineData("13812345678")]
    [InlineData("我不想说")]
    [InlineData("张")]
    [InlineData("张三李四王五赵六")]
    [InlineData("")]
    public void RejectsObviousNonNames(string input)
    {
        Assert.Null(NameParser.Parse(input));
    }

    [Fact]
    public void MasksAllButTheSurname()
    {
        Assert.Equal("张*", PiiMask.Name("张三"));
        Assert.Equal("欧***", PiiMask.Name("欧阳娜娜"));
    }
}
