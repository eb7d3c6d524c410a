using System.Net;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.Infrastructure;

namespace CityWarmth.Bot.Tests.KnowledgeBase;

/// <summary>
/// Answers from documents uploaded without metadata, through /api/messages, one failure of issue 22 each: the fact
/// the question asks for (the address, not the opening hours), a table row with its headers, a confident answer when
/// the heading says what is asked, the title found in the document, and a source line without empty brackets.
/// </summary>
public sealed class UploadedDocumentAnswersTests(UploadedDocumentAnswersTests.AppFixture fixture) : IClassFixture<UploadedDocumentAnswersTests.AppFixture>
{
    [Fact]
    public async Task AnAddressQuestionIsAnsweredWithTheAddressAndAnHoursQuestionWithTheHours()
    {
        var address = await AskAsync("澜江市的工伤保险窗口具体在什么地方");
        Assert.Contains("滨河大道288号", FirstLine(address));
        Assert.DoesNotContain("9:00", address.Text);

        var hours = await AskAsync("市里的工伤认定窗口几点上班");
        Assert.Contains("9:00", FirstLine(hours));
        Assert.DoesNotContain("您是想问", hours.Text);
    }

    [Fact]
    public async Task ATimeLimitQuestionGetsTheLimitOfWhatItAsksAbout()
    {
        var reply = await AskAsync("工伤认定申请交上去以后多久出结果");
        Assert.Contains("60日", FirstLine(reply));
        Assert.Contains("四、办理时限", reply.Text);
    }

    [Fact]
    public async Task AWordTableIsAnsweredFromTheRowAndColumnAsked()
    {
        var reply = await AskAsync("我有中级工证书，在中心城区租房每个月能补多少");
        Assert.StartsWith("取得中级工(四级)职业资格或技能等级证书 · 中心城区：500元/月", reply.Text);
        Assert.DoesNotContain("400元", reply.Text);
        Assert.Contains("表1 租房补贴标准", reply.Text);
    }

    [Fact]
    public async Task APlacesPhoneStaysWithThePlaceAndThePagesFooterIsNotRead()
    {
        var reply = await AskAsync("城南区办工伤认定打哪个电话");
        Assert.Contains("城南区 · 咨询电话：0000-5860432", FirstLine(reply));
        Assert.DoesNotContain("0000-8800000", reply.Text);   // the footer's number
        Assert.DoesNotContain("0000-6612333", reply.Text);   // the sidebar's number
    }

    [Fact]
    public async Task AHeadingThatSaysWhatIsAskedGivesAnAnswerNotAChoice()
    {
        var reply = await AskAsync("孩子还在吃奶，上班每天能有多长喂奶时间");
        Assert.DoesNotContain("您是想问", reply.Text);
        Assert.Contains("1小时", FirstLine(reply));
        Assert.Contains("哺乳期", reply.Text);
    }

    [Fact]
    public async Task TheSourceIsTheTitleInTheDocumentWithoutEmptyBrackets()
    {
        var reply = await AskAsync("高温津贴一个月给多少钱");
        var source = reply.Text!.Split('\n')[^1];
        Assert.Equal("来源:《桐湾市关于做好2025年夏季高温天气劳动保护工作的通知》一、高温津贴", source);

        var page = await AskAsync("办工伤认定需要准备什么材料");
        Assert.Equal("policy", page.ChannelData?["skill"]?.GetValue<string>());
        Assert.EndsWith("来源:《工伤认定申请办事指南》三、申请材料", page.Text);
    }

    private static string FirstLine(Activity reply) => PublishedDocumentsFixture.FirstLine(reply);

    private Task<Activity> AskAsync(string question) => fixture.AskAsync(question);

    public sealed class AppFixture() : PublishedDocumentsFixture(
        [.. new[] { "lanjiang-work-injury.html", "ningchuan-rent-subsidy.docx", "meiling-women-workers.docx", "tongwan-heat.pdf" }
            .Select(document => Path.Combine("unseen-documents", document))]);
}
