using CityWarmth.Knowledge.Text;

namespace CityWarmth.Knowledge.Tests.Text;

public sealed class ChineseScriptTests
{
    [Theory]
    [InlineData("農民工就業服務", "农民工就业服务")]
    [InlineData("孩子隨遷入學需要什麼材料?", "孩子随迁入学需要什么材料?")]
    [InlineData("人力資源社會保障部辦公廳", "人力资源社会保障部办公厅")]
    [InlineData("乾乾淨淨", "干干净净")]
    [InlineData("乾隆", "乾隆")]
    public void ToSimplifiedConvertsPhrasesBeforeCharacters(string traditional, string simplified) =>
        Assert.Equal(simplified, ChineseScript.ToSimplified(traditional));

    [Theory]
    [InlineData("农民工就业服务", "農民工就業服務")]
    [InlineData("改善农民工居住条件", "改善農民工居住條件")]
    [InlineData("头发很干", "頭髮很乾")]
    public void ToTraditionalUsesPhrasesForAmbiguousCharacters(string simplified, string traditional) =>
        Assert.Equal(traditional, ChineseScript.ToTraditional(simplified));

    [Theory]
    [InlineData("包吃包住", "包吃包住")]
    [InlineData("工地里的宿舍", "工地裡的宿舍")]
    [InlineData("为农民工服务", "為農民工服務")]
    [InlineData("群众", "群眾")]
    [InlineData("干着急", "乾着急")]   // 著 would read back as 著, not 着
    public void ToTraditionalWritesTheFormsPeopleUseToday(string simplified, string traditional) =>
        Assert.Equal(traditional, ChineseScript.ToTraditional(simplified));

    // A traditional button value the worker taps comes back as text and is read in simplified: every character whose
    // traditional form the common-forms table could change must still read back as itself.
    [Fact]
    public void CharactersTheCommonFormsTouchReadBackAsThemselves()
    {
        using var stream = typeof(ChineseScript).Assembly.GetManifestResourceStream("CityWarmth.Knowledge.Text.Data.OpenCC.TWVariants.txt")!;
        using var reader = new StreamReader(stream);
        var checkedCharacters = 0;
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var simplified = ChineseScript.ToSimplified(line.Split('\t')[0]);
            Assert.Equal(simplified, ChineseScript.ToSimplified(ChineseScript.ToTraditional(simplified)));
            checkedCharacters++;
        }
        Assert.True(checkedCharacters > 30);
    }

    // Replies a skill already put into traditional pass the router's conversion again.
    [Fact]
    public void ToTraditionalLeavesTraditionalTextAsItIs()
    {
        foreach (var file in Directory.EnumerateFiles(ShippedKnowledge.PoliciesFolder).Where(f => !f.EndsWith(".json", StringComparison.Ordinal)))
        {
            var traditional = ChineseScript.ToTraditional(File.ReadAllText(file));
            Assert.Equal(traditional, ChineseScript.ToTraditional(traditional));
        }
    }

    [Fact]
    public void TextWithoutChineseIsReturnedUnchanged()
    {
        Assert.Equal("abc 123?", ChineseScript.ToSimplified("abc 123?"));
        Assert.Equal("abc 123?", ChineseScript.ToTraditional("abc 123?"));
    }

    [Theory]
    [InlineData("孩子隨遷入學需要什麼材料?", true)]
    [InlineData("老闆欠我工錢怎麼辦", true)]
    [InlineData("孩子随迁入学需要什么材料?", false)]
    [InlineData("农民工", false)]
    [InlineData("hello", false)]
    [InlineData("", false)]
    public void TextIsTraditionalWhenScriptSpecificCharactersSaySo(string text, bool expected) =>
        Assert.Equal(expected, ChineseScript.WrittenIn(text) == WrittenScript.Traditional);

    [Theory]
    [InlineData("孩子随迁入学需要什么材料?", WrittenScript.Simplified)]
    [InlineData("干活", WrittenScript.Simplified)]
    [InlineData("孩子隨遷入學需要什麼材料?", WrittenScript.Traditional)]
    [InlineData("随遷", WrittenScript.Simplified)]   // one of each: not more traditional than simplified
    [InlineData("孩子", WrittenScript.Neither)]
    [InlineData("hello 123", WrittenScript.Neither)]
    [InlineData("", WrittenScript.Neither)]
    public void WrittenInWeighsTheCharactersOnlyOneScriptHas(string text, WrittenScript expected) =>
        Assert.Equal(expected, ChineseScript.WrittenIn(text));
}
