using System.Diagnostics;
using System.Net;
using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Tests.Console;
using CityWarmth.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityWarmth.Bot.Tests.Security;

/// <summary>Console sessions that can be ended, and sign-in that neither locks accounts out nor tells which names exist.</summary>
public sealed class ConsoleAccountTests
{
    [Fact]
    public async Task ACookieCopiedBeforeSignOutStopsWorkingAfterIt()
    {
        using var app = new BotApp();
        try
        {
            await ConsoleSession.CreateUserAsync(app, "zhang", ConsoleRoles.Caseworker);
            using var session = await ConsoleSession.SignInAsync(app, "zhang");
            var cookie = CookieHeader(session, app);
            using var copy = CopyWithCookie(app, cookie);
            Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/console")).StatusCode);

            var logout = await session.PostFormAsync("/console/logout", []);
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
            using var afterwards = await copy.GetAsync("/console");
            using var api = await copy.GetAsync("/console/api/queue");

            Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
            Assert.Contains("/console/login", afterwards.Headers.Location?.OriginalString);
            Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }

    [Fact]
    public async Task AnAdminDisablesAnAccountAndItsSessionEndsAtOnce()
    {
        using var app = new BotApp();
        try
        {
            await ConsoleSession.CreateUserAsync(app, "admin", ConsoleRoles.Admin);
            var zhaoId = await ConsoleSession.CreateUserAsync(app, "zhao", ConsoleRoles.Caseworker);
            using var admin = await ConsoleSession.SignInAsync(app, "admin");
            using var zhao = await ConsoleSession.SignInAsync(app, "zhao");
            Assert.Equal(HttpStatusCode.OK, (await zhao.Http.GetAsync("/console")).StatusCode);

            var disabled = await admin.PostFormAsync("/console/users?handler=Disabled", new() { ["id"] = zhaoId.ToString(), ["disabled"] = "true" });
            Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);

            Assert.Equal(HttpStatusCode.Redirect, (await zhao.Http.GetAsync("/console")).StatusCode);
            var again = await ConsoleSession.Anonymous(app).SubmitLoginAsync("zhao", ConsoleSession.Password);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Contains("用户名或密码不对", await again.Content.ReadAsStringAsync());
            var page = await admin.Http.GetStringAsync("/console/users");
            Assert.Contains("停用", page);
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>().CreateDbContextAsync();
            Assert.Contains(await db.AuditLog.Where(a => a.Target == "user:" + zhaoId).Select(a => a.Action).ToListAsync(), a => a == AuditActions.UserDisabled);

            // An admin cannot disable their own account (nobody might be left to undo it).
            var adminId = (await db.ConsoleUsers.SingleAsync(u => u.UserName == "admin")).Id;
            var self = await admin.PostFormAsync("/console/users?handler=Disabled", new() { ["id"] = adminId.ToString(), ["disabled"] = "true" });
            Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }

    [NonLoopbackFact]
    public async Task AStrangerCannotLockACaseworkerOutAndNamesAreAnsweredAlike()
    {
        using var app = new BotApp(listenOn: IPAddress.Any);
        try
        {
            await ConsoleSession.CreateUserAsync(app, "zhao", ConsoleRoles.Caseworker);
            using var stranger = ConsoleSession.At(app.AddressOn(NetworkAddresses.NonLoopback!));
            var known = new List<string>();
            var unknown = new List<string>();
            for (var i = 0; i < 7; i++)
            {
                known.Add(await (await stranger.SubmitLoginAsync("zhao", "not-the-password")).Content.ReadAsStringAsync());
                unknown.Add(await (await stranger.SubmitLoginAsync("nobody-here", "not-the-password")).Content.ReadAsStringAsync());
            }

            // The same answers, try by try, for a real name and a made-up one: first wrong, then throttled.
            Assert.Equal(known.Select(Verdict), unknown.Select(Verdict));
            Assert.Equal("用户名或密码不对", Verdict(known[0]));
            Assert.Equal("尝试次数太多", Verdict(known[^1]));

            // The caseworker at their own address signs in all the same.
            using var caseworker = ConsoleSession.At(app.AddressOn(IPAddress.Loopback));
            Assert.Equal(HttpStatusCode.Redirect, (await caseworker.SubmitLoginAsync("zhao", ConsoleSession.Password)).StatusCode);
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }

    [Fact]
    public async Task AnUnknownNameTakesAsLongAsAWrongPassword()
    {
        using var app = new BotApp();
        try
        {
            await ConsoleSession.CreateUserAsync(app, "zhao", ConsoleRoles.Caseworker);
            var accounts = app.Services.GetRequiredService<AccountService>();
            await accounts.CheckPasswordAsync("warm-up", "x", default);
            var known = new List<double>();
            var unknown = new List<double>();
            for (var i = 0; i < 6; i++)
            {
                known.Add(await TimeAsync(() => accounts.CheckPasswordAsync("zhao", "not-the-password-" + i, default)));
                unknown.Add(await TimeAsync(() => accounts.CheckPasswordAsync("nobody-" + i, "not-the-password", default)));
            }
            // Both hash one password; on a loaded machine single runs vary, so medians are compared with room to spare.
            Assert.InRange(Median(unknown) / Median(known), 0.5, 2.0);
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }

    private static string Verdict(string html) =>
        html.Contains("尝试次数太多", StringComparison.Ordinal) ? "尝试次数太多"
        : html.Contains("用户名或密码不对", StringComparison.Ordinal) ? "用户名或密码不对"
        : "other";

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string CookieHeader(ConsoleSession session, BotApp app)
    {
        var handlerField = typeof(HttpMessageInvoker).GetField("_handler", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance);
        var handler = (HttpClientHandler)handlerField!.GetValue(session.Http)!;
        return handler.CookieContainer.GetCookieHeader(new Uri(app.BaseAddress, "/console"));
    }

    private static HttpClient CopyWithCookie(BotApp app, string cookie)
    {
        var copy = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        return copy;
    }
}
