using CityWarmth.Knowledge.Text;

namespace CityWarmth.Knowledge.Tests.Text;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("孩子隨遷入學需要什麼材料？", "孩子随迁入学需要什么材料?")]
    [InlineData("ＡＰＰ　報名（線上）", "app 报名(线上)")]
    [InlineData("“城暖农民工”服务活动。", "\"城暖农民工\"服务活动.")]
    [InlineData("《关于开展服务活动的通知》", "(关于开展服务活动的通知)")]
    [InlineData("失业登记、职业介绍", "失业登记,职业介绍")]
    [InlineData("  多个   空格\n换行 ", "多个 空格 换行")]
    [InlineData("住房城鄉(xiāng)建設部", "住房城乡建设部")]
    [InlineData("活動?,F將有關事項", "活动.现将有关事项")]
    public void MatchingFormFoldsScriptWidthPunctuationAndDefects(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.ForMatching(text));

    [Fact]
    public void DocumentAndQuestionFormsAgree() =>
        Assert.Equal(TextNormalizer.ForMatching("隨遷子女入學"), TextNormalizer.ForMatching("随迁子女入学"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void BlankTextGivesEmptyMatchingForm(string? text) =>
        Assert.Equal(string.Empty, TextNormalizer.ForMatching(text));
}
