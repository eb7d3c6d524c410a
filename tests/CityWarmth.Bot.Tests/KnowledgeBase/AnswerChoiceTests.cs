using System.Net;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.Infrastructure;

namespace CityWarmth.Bot.Tests.KnowledgeBase;

/// <summary>
/// Which sentence or table row answers, when a section holds several values of the kind asked for, through
/// /api/messages on a guide uploaded without metadata (KnowledgeBase/Data/answer-choice-guide.md, fictional): the
/// words that tell the candidates apart choose (the district, the level), the words that ask do not ("几点关门"),
/// nor what the worker says they have already ("除了身份证"); dialect question words ask as Mandarin ones do.
/// </summary>
public sealed class AnswerChoiceTests(AnswerChoiceTests.AppFixture fixture) : IClassFixture<AnswerChoiceTests.AppFixture>
{
    [Fact]
    public async Task TheDistrictNamedChoosesItsRowOverTheGeneralClosingTime()
    {
        var reply = await AskAsync("北沙区那个服务点晚上几点关门");
        Assert.Contains("24小时开放", FirstLine(reply));
        Assert.Contains("四、服务点和开放时间", reply.Text);
    }

    [Fact]
    public async Task WhatTheWorkerHasAlreadyDoesNotChooseTheAnswer()
    {
        var reply = await AskAsync("我在这边租房子住 办互助卡除了身份证还要拿什么证明");
        Assert.Contains("租房协议", FirstLine(reply));
    }

    [Fact]
    public async Task AnAmountColumnNamedByItsHeaderAnswersForTheLevelAsked()
    {
        var reply = await AskAsync("大病互助选加强档 每个月要交好多钱");
        Assert.Contains("30.00", FirstLine(reply));
        Assert.DoesNotContain("15.00", FirstLine(reply));
    }

    [Fact]
    public async Task MaterialsListedInOneLineAreQuotedTogether()
    {
        var reply = await AskAsync("领互助金要准备些啥东西");
        var first = FirstLine(reply);
        Assert.Contains("身份证原件", first);
        Assert.Contains("银行卡", first);
        Assert.Contains("出院小结", first);
    }

    [Theory]
    [InlineData("南坪区服务点电话系几多")]
    [InlineData("南坪区服务点的电话晓得不")]
    public async Task ADialectQuestionWordAsksLikeItsMandarinForm(string question)
    {
        var reply = await AskAsync(question);
        Assert.Equal("policy", reply.ChannelData?["skill"]?.GetValue<string>());
        Assert.Contains("0000-6120033", FirstLine(reply));
    }

    private static string FirstLine(Activity reply) => PublishedDocumentsFixture.FirstLine(reply);

    private Task<Activity> AskAsync(string question) => fixture.AskAsync(question);

    public sealed class AppFixture() : PublishedDocumentsFixture(Path.Combine("KnowledgeBase", "Data", "answer-choice-guide.md"));
}
