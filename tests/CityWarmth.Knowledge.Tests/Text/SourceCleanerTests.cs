using CityWarmth.Knowledge.Text;

namespace CityWarmth.Knowledge.Tests.Text;

public sealed class SourceCleanerTests
{
    [Theory]
    [InlineData("住房城鄉(xiāng)建設部", "住房城鄉建設部")]
    [InlineData("聯合印發(fā)《通知》", "聯合印發《通知》")]
    [InlineData("社區(qū)、園區(qū)", "社區、園區")]
    [InlineData("各省(區(qū)、市)", "各省(區、市)")]
    [InlineData("新型城鎮（zhèn）化", "新型城鎮化")]
    [InlineData("长(chang2)城", "长城")]
    public void PinyinAnnotationsAreRemoved(string source, string expected) =>
        Assert.Equal(expected, SourceCleaner.Clean(source));

    [Theory]
    [InlineData("各省(區、市)")]
    [InlineData("教育廳(教委、教育局)")]
    [InlineData("使用APP(app)报名")]
    [InlineData("联系人(Li)电话")]
    public void BracketsThatAreNotReadingsStay(string source) =>
        Assert.Equal(source, SourceCleaner.Clean(source));

    [Fact]
    public void GarbleFromAWrongGbkDecodingIsRepaired() =>
        Assert.Equal("服務活動。現將有關事項通知如下", SourceCleaner.Clean("服務活動?,F將有關事項通知如下"));

    [Theory]
    [InlineData("摘自 《中國建設報》 2023.10.11 宗邊")]
    [InlineData("發布日期:2023-09-28 來源:農民工工作司")]
    [InlineData("直播帶崗+線上專場")]
    [InlineData("使用APP报名")]
    [InlineData("你好,我想问一下")]
    public void OrdinaryAsciiInsideChineseIsKept(string source) =>
        Assert.Equal(source, SourceCleaner.Clean(source));

    [Fact]
    public void InvisibleCharactersAndCarriageReturnsAreRemoved() =>
        Assert.Equal("一、\n活动目标", SourceCleaner.Clean("\uFEFF一、\u200B\r\n活动目标"));

    [Fact]
    public void TheScriptIsNotChanged() =>
        Assert.Equal("農民工", SourceCleaner.Clean("農民工"));
}
