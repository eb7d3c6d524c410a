using CityWarmth.Knowledge.Documents;

namespace CityWarmth.Knowledge.Tests.Documents;

public sealed class NoticePassagesTests(ShippedKnowledge knowledge) : IClassFixture<ShippedKnowledge>
{
    [Fact]
    public void TheShippedNoticeIsTheSeedByteForByte()
    {
        var shipped = File.ReadAllBytes(Path.Combine(ShippedKnowledge.PoliciesFolder, "chengnuan-2023-notice.txt"));
        // Shipped as published: the defects are cleaned when indexing, not in the file.
        Assert.True(IndexOf(shipped, "活動?,F將"u8.ToArray()) >= 0);
        Assert.Contains("(xiāng)", System.Text.Encoding.UTF8.GetString(shipped));
    }

    [Fact]
    public void BodySectionsAreTheFifteenNumberedSectionsOfTheNotice()
    {
        var keys = knowledge.Notice.Passages.Where(p => p.Part == PassagePart.Body && p.SectionKey.Length > 0)
            .Select(p => p.SectionKey).Distinct().ToList();
        string[] expected =
        [
            "一", "二(一)", "二(二)", "二(三)", "二(四)", "二(五)", "二(六)", "二(七)", "二(八)", "二(九)", "二(十)",
            "三(一)", "三(二)", "三(三)", "三(四)",
        ];
        Assert.Equal(expected, keys);
    }

    [Fact]
    public void SectionsCarryHeadingPathAndSourceInSimplifiedScript()
    {
        var housing = Assert.Single(knowledge.Notice.Passages, p => p.SectionKey == "二(四)");
        Assert.Equal("(四)改善农民工居住条件", housing.Heading);
        Assert.Equal(["二、活动内容", "(四)改善农民工居住条件"], housing.SectionPath);
        Assert.StartsWith("(四)改善农民工居住条件。加大保障性住房建设", housing.Text);
        Assert.Equal("关于开展“城暖农民工”服务活动的通知", housing.Title);
        Assert.Equal(new DateOnly(2023, 9, 28), housing.Date);
        Assert.StartsWith("人力资源社会保障部办公厅", housing.Issuer);
    }

    [Fact]
    public void TheNewsSummaryIsItsOwnPartWithItsOwnSource()
    {
        var summary = knowledge.Notice.Passages.Where(p => p.Part == PassagePart.Summary).ToList();
        Assert.NotEmpty(summary);
        Assert.All(summary, p => Assert.Equal("摘要", p.SectionKey));
        Assert.StartsWith("日前,人力资源社会保障部、住房城乡建设部等六部门联合印发", summary[0].Text);
        Assert.Equal(new DateOnly(2023, 10, 11), summary[0].Date);
        Assert.Equal(0, summary[0].Ordinal);
    }

    [Fact]
    public void DefectsAreCleanedInWhatIsShown()
    {
        var preamble = knowledge.Notice.Passages.First(p => p.Part == PassagePart.Body);
        Assert.Contains("服务活动。现将有关事项通知如下", preamble.Text);
        Assert.All(knowledge.Notice.Passages, p =>
        {
            Assert.DoesNotContain("(xiāng)", p.Text);
            Assert.DoesNotContain("(fā)", p.Text);
            Assert.DoesNotContain("?,F", p.Text);
        });
    }

    [Fact]
    public void TheSignatureIsKeptForDisplayButNotAsASection()
    {
        var signature = Assert.Single(knowledge.Notice.Passages, p => p.Part == PassagePart.Signature);
        Assert.EndsWith("2023年9月28日", signature.Text);
        var last = knowledge.Notice.Passages.Last(p => p.Part == PassagePart.Body);
        Assert.Equal("三(四)", last.SectionKey);
        Assert.EndsWith("营造良好氛围。", last.Text);
    }

    [Fact]
    public void TheSampleHandbookIsLoadedThroughTheMarkdownPath()
    {
        var handbook = knowledge.Corpus.FindDocument("sample-anhe-handbook");
        Assert.NotNull(handbook);
        Assert.True(handbook.IsSample);
        var stay = Assert.Single(handbook.Passages, p => p.Heading == "零工驿站");
        Assert.Equal("一/零工驿站", stay.SectionKey);
        Assert.Equal(["一、找工作", "零工驿站"], stay.SectionPath);
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
