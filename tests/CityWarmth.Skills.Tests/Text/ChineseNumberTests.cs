using CityWarmth.Skills.Text;

namespace CityWarmth.Skills.Tests.Text;

public sealed class ChineseNumberTests
{
    [Theory]
    [InlineData("6000", 6000)]
    [InlineData("8k", 8000)]
    [InlineData("8.5k", 8500)]
    [InlineData("1w", 10000)]
    [InlineData("六千", 6000)]
    [InlineData("六千五", 6500)]
    [InlineData("一万二", 12000)]
    [InlineData("两万", 20000)]
    [InlineData("三百", 300)]
    [InlineData("三百五", 350)]
    [InlineData("五十", 50)]
    [InlineData("十五", 15)]
    [InlineData("五六千", 5000)]
    [InlineData("一万五千", 15000)]
    [InlineData("1万2", 12000)]
    [InlineData("二〇二四", 2024)]
    [InlineData("三四百", 300)]
    public void ReadsAmounts(string text, int expected)
    {
        Assert.True(ChineseNumber.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("零")]
    [InlineData("好多")]
    [InlineData("五七千")]
    public void RejectsWhatIsNotAnAmount(string text) => Assert.False(ChineseNumber.TryParse(text, out _));
}
