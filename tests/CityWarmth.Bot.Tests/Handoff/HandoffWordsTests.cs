using CityWarmth.Bot.Handoff;

namespace CityWarmth.Bot.Tests.Handoff;

/// <summary>The words that ask for a person or end the person's service, as workers type them on a phone.</summary>
public sealed class HandoffWordsTests
{
    [Theory]
    [InlineData("转人工", true)]
    [InlineData(" 转 人工！", true)]
    [InlineData("我要转人工。", true)]
    [InlineData("找真人!!", true)]
    [InlineData("人工智能", false)]
    [InlineData("我要转人工，老板欠我三个月工资没给", false)]
    [InlineData("", false)]
    public void ARequestForAPersonIsTheWholeMessageWhateverItsSpacingAndPunctuation(string text, bool expected) =>
        Assert.Equal(expected, HandoffText.CommandOf(text) == HandoffCommand.Request);

    [Theory]
    [InlineData("结束人工", true)]
    [InlineData("取消 转人工。", true)]
    [InlineData("转人工", false)]
    [InlineData("结束人工服务以后还能再找人吗", false)]
    public void EndingThePersonsServiceIsRecognisedTheSameWay(string text, bool expected) =>
        Assert.Equal(expected, HandoffText.CommandOf(text) == HandoffCommand.End);
}
