using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Search;
using CityWarmth.Skills.Policy;

namespace CityWarmth.Skills.Tests.Policy;

/// <summary>The source line under an answer says what the document's metadata holds, and no empty brackets.</summary>
public sealed class SourceLineTests
{
    [Theory]
    [InlineData("青禾市服务手册", "一、咨询和投诉电话", "", null, "来源:《青禾市服务手册》一、咨询和投诉电话")]
    [InlineData("青禾市服务手册", "一、咨询和投诉电话", "青禾市人社局", null, "来源:《青禾市服务手册》一、咨询和投诉电话(青禾市人社局)")]
    [InlineData("青禾市服务手册", "", "", "2025-01-15", "来源:《青禾市服务手册》(2025年1月15日)")]
    [InlineData("通知", "(四)改善居住条件", "人社部办公厅 教育部办公厅", "2023-09-28", "来源:《通知》(四)改善居住条件(人社部办公厅等2部门,2023年9月28日)")]
    [InlineData("", "报名", " ", null, "来源:报名")]
    public void TheSourceLineIsBuiltFromTheMetadataThatExists(string title, string heading, string issuer, string? date, string expected)
    {
        var hit = new PolicySearchHit("p1", "d", title, issuer, date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
            PassagePart.Body, "一", heading, [heading], "正文", 1, "答案");

        var line = PolicyLookupSkill.SourceLine(hit);

        Assert.Equal(expected, line);
        Assert.DoesNotMatch(@"[(（][,，\s]*[)）]|《》", line);
    }
}
