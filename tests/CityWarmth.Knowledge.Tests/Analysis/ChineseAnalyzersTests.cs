using CityWarmth.Knowledge.Analysis;
using CityWarmth.Knowledge.Text;

namespace CityWarmth.Knowledge.Tests.Analysis;

public sealed class ChineseAnalyzersTests
{
    [Fact]
    public void SmartCnSegmentsNormalisedTraditionalTextIntoWords()
    {
        using var analyzer = ChineseAnalyzers.CreateWords();
        var tokens = ChineseAnalyzers.Tokens(analyzer, TextNormalizer.ForMatching("改善農民工居住條件。"));
        Assert.Equal(["改善", "农民工", "居住", "条件"], tokens);
    }

    [Fact]
    public void BigramsDoNotDependOnSegmentation()
    {
        using var analyzer = ChineseAnalyzers.CreateBigrams();
        var tokens = ChineseAnalyzers.Tokens(analyzer, TextNormalizer.ForMatching("隨遷子女"));
        Assert.Equal(["随迁", "迁子", "子女"], tokens);
    }

    [Fact]
    public void LatinAndDigitsPassThroughLowerCased()
    {
        using var analyzer = ChineseAnalyzers.CreateBigrams();
        Assert.Equal(["app", "12333"], ChineseAnalyzers.Tokens(analyzer, TextNormalizer.ForMatching("ＡＰＰ 12333")));
    }
}
