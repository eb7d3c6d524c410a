using System.Net;
using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Tests.Handoff;
using CityWarmth.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityWarmth.Bot.Tests.Console;

public sealed class ConsoleSecurityTests : IAsyncLifetime
{
    private ConnectedBot _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await ConnectedBot.StartAsync(HandoffTestKit.AlwaysOpen());
        await ConsoleSession.CreateUserAsync(_bot.App, "admin", ConsoleRoles.Admin, "管理员");
        await ConsoleSession.CreateUserAsync(_bot.App, "zhang", ConsoleRoles.Caseworker, "张工");
        await ConsoleSession.CreateUserAsync(_bot.App, "zhao", ConsoleRoles.Caseworker, "赵工");
    }

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private async Task<Guid> QueueCaseAsync(string conversationId, string firstMessage = "你好")
    {
        await HandoffTestKit.PostAsync(_bot.Client, HandoffTestKit.Message(firstMessage, _bot.Connector.ServiceUrl, conversationId));
        await HandoffTestKit.PostAsync(_bot.Client, HandoffTestKit.Message("转人工", _bot.Connector.ServiceUrl, conversationId));
        var factory = _bot.App.Services.GetRequiredService<IDbContextFactory<BotDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Handoffs.Where(h => h.ConversationId == conversationId).Select(h => h.Id).SingleAsync();
    }

    private async Task<List<AuditEntry>> AuditAsync(string target)
    {
        var factory = _bot.App.Services.GetRequiredService<IDbContextFactory<BotDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.AuditLog.AsNoTracking().Where(a => a.Target == target).ToListAsync();
    }

    [Theory]
    [InlineData("/console")]
    [InlineData("/console/users")]
    [InlineData("/console/audit")]
    [InlineData("/console/cases/6f9619ff-8b86-d011-b42d-00c04fc964ff")]
    public async Task AnonymousPagesRedirectToSignIn(string path)
    {
        using var anonymous = ConsoleSession.Anonymous(_bot.App);

        var response = await anonymous.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/console/login", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("GET", "/console/api/queue")]
    [InlineData("GET", "/console/api/events")]
    [InlineData("GET", "/console/api/cases/6f9619ff-8b86-d011-b42d-00c04fc964ff/messages")]
    [InlineData("POST", "/console/api/cases/6f9619ff-8b86-d011-b42d-00c04fc964ff/claim")]
    [InlineData("POST", "/console/api/cases/6f9619ff-8b86-d011-b42d-00c04fc964ff/messages")]
    public async Task AnonymousApiCallsGet401(string method, string path)
    {
        using var anonymous = ConsoleSession.Anonymous(_bot.App);

        var response = await anonymous.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/console/users")]
    [InlineData("/console/audit")]
    public async Task CaseworkersCannotOpenAdminPages(string path)
    {
        using var caseworker = await ConsoleSession.SignInAsync(_bot.App, "zhang");
        using var admin = await ConsoleSession.SignInAsync(_bot.App, "admin");

        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.Http.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task WrongPasswordsThrottleThatNameFromThatAddress()
    {
        using var session = ConsoleSession.Anonymous(_bot.App);
        for (var i = 0; i < 5; i++)
        {
            var wrong = await session.SubmitLoginAsync("zhao", "not-the-password");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var right = await session.SubmitLoginAsync("zhao", ConsoleSession.Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("尝试次数太多", await right.Content.ReadAsStringAsync());
        Assert.Contains(await AuditAsync("user:" + 3), a => a.Action == AuditActions.SignInFailed);
    }

    [Fact]
    public async Task PostsWithoutAnAntiforgeryTokenAreRejected()
    {
        var caseId = await QueueCaseAsync("conv-csrf");
        using var caseworker = await ConsoleSession.SignInAsync(_bot.App, "zhang");

        var apiClaim = await caseworker.PostJsonAsync($"/console/api/cases/{caseId}/claim", null, withToken: false);
        var formClaim = await caseworker.PostFormAsync($"/console/cases/{caseId}?handler=Claim", [], withToken: false);
        var createUser = await caseworker.PostFormAsync("/console/users", new() { ["NewUserName"] = "x1" }, withToken: false);
        using var anonymous = ConsoleSession.Anonymous(_bot.App);
        var login = await anonymous.Http.PostAsync("/console/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = "zhang", ["Password"] = ConsoleSession.Password }));

        Assert.Equal(HttpStatusCode.BadRequest, apiClaim.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, formClaim.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, createUser.StatusCode);
        var factory = _bot.App.Services.GetRequiredService<IDbContextFactory<BotDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        Assert.Equal("queued", (await db.Handoffs.SingleAsync(h => h.Id == caseId)).Status);
    }

    [Fact]
    public async Task ACaseworkerSeesTheQueueAndTheirOwnCasesButNotAColleagues()
    {
        var taken = await QueueCaseAsync("conv-a");
        var waiting = await QueueCaseAsync("conv-b");
        using var zhang = await ConsoleSession.SignInAsync(_bot.App, "zhang");
        using var zhao = await ConsoleSession.SignInAsync(_bot.App, "zhao");
        using var admin = await ConsoleSession.SignInAsync(_bot.App, "admin");
        Assert.Equal(HttpStatusCode.OK, (await zhang.PostJsonAsync($"/console/api/cases/{taken}/claim", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await zhao.Http.GetAsync($"/console/cases/{taken}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await zhao.Http.GetAsync($"/console/api/cases/{taken}/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await zhao.PostJsonAsync($"/console/api/cases/{taken}/messages", new { text = "hi" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await zhao.Http.GetAsync($"/console/cases/{waiting}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await zhang.Http.GetAsync($"/console/cases/{taken}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync($"/console/cases/{taken}")).StatusCode);

        var zhaoQueue = await zhao.Http.GetStringAsync("/console/api/queue");
        Assert.Contains(waiting.ToString(), zhaoQueue);
        Assert.DoesNotContain(taken.ToString(), zhaoQueue);
        var adminQueue = await admin.Http.GetStringAsync("/console/api/queue");
        Assert.Contains(taken.ToString(), adminQueue);
        Assert.Equal(HttpStatusCode.Conflict, (await zhao.PostJsonAsync($"/console/api/cases/{taken}/claim", null)).StatusCode);
    }

    [Fact]
    public async Task EveryViewOfACaseIsAudited()
    {
        var caseId = await QueueCaseAsync("conv-audit", "我叫王大力，电话13800138000");
        using var zhang = await ConsoleSession.SignInAsync(_bot.App, "zhang");

        var page = await zhang.Http.GetStringAsync($"/console/cases/{caseId}");
        await zhang.Http.GetStringAsync($"/console/api/cases/{caseId}/messages");

        Assert.Contains("13800138000", page);
        var entries = await AuditAsync("case:" + caseId);
        Assert.Contains(entries, e => e.Action == AuditActions.CaseViewed && e.UserName == "zhang");
        Assert.Contains(entries, e => e.Action == AuditActions.TranscriptViewed && e.UserName == "zhang");
    }

    [Fact]
    public async Task WorkerMarkupIsShownAsText()
    {
        const string attack = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        var caseId = await QueueCaseAsync("conv-xss", attack);
        using var zhang = await ConsoleSession.SignInAsync(_bot.App, "zhang");

        var response = await zhang.Http.GetAsync($"/console/cases/{caseId}");
        var page = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert", page);
        Assert.DoesNotContain("<img src=x", page);
        Assert.Contains("&lt;script&gt;alert(", page);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task AdminsCreateCaseworkerAccountsThatCanSignIn()
    {
        using var admin = await ConsoleSession.SignInAsync(_bot.App, "admin");

        var created = await admin.PostFormAsync("/console/users", new()
        {
            ["NewUserName"] = "Sun.Li",
            ["NewDisplayName"] = "孙丽",
            ["NewPassword"] = "a-long-password-1",
            ["NewRole"] = "caseworker",
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        using var sun = await ConsoleSession.SignInAsync(_bot.App, "sun.li", "a-long-password-1");
        Assert.Equal(HttpStatusCode.OK, (await sun.Http.GetAsync("/console")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sun.Http.GetAsync("/console/users")).StatusCode);
    }
}
