using CityWarmth.Knowledge.Search;
using CityWarmth.Knowledge.Text;

namespace CityWarmth.Knowledge.Tests.Text;

public sealed class DialectWordsTests
{
    [Theory]
    [InlineData("咋个申请", "怎么申请")]
    [InlineData("边度办", "哪里办")]
    [InlineData("要准备些啥东西", "要准备什么东西")]
    [InlineData("老细唔出粮", "老板不发工资")]
    public void DialectWordsAreReadAsMandarin(string text, string read) => Assert.Equal(read, DialectWords.ToMandarin(text));

    [Fact]
    public void AQuestionOnlyWordIsFoldedInAQuestionAlone()
    {
        Assert.Equal("欠我好多钱", DialectWords.ToMandarin("欠我好多钱"));
        Assert.Equal("要交多少钱", DialectWords.QuestionToMandarin("要交好多钱"));
    }

    [Theory]
    [InlineData("要等好久才有结果", AnswerKind.Duration)]
    [InlineData("服务点电话系几多", AnswerKind.Phone)]
    [InlineData("礼拜天开门不", AnswerKind.YesNo)]
    [InlineData("要准备些啥东西", AnswerKind.Materials)]
    public void ADialectQuestionAsksForWhatItsMandarinFormAsksFor(string question, AnswerKind kind) =>
        Assert.True((AnswerKinds.Of(AnswerKinds.WithMandarinQuestionWords(question)) & kind) != 0);
}
