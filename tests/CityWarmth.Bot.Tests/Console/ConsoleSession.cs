using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CityWarmth.Bot.Tests.Console;

/// <summary>A browser-like HTTP session on the console: cookies kept, redirects not followed, tokens read from pages.</summary>
public sealed partial class ConsoleSession : IDisposable
{
    public const string Password = "correct-horse-42";

    private ConsoleSession(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    public static ConsoleSession Anonymous(BotApp app) => At(app.BaseAddress);

    /// <summary>A session calling the bot at another of its addresses (as a browser on another machine would).</summary>
    public static ConsoleSession At(Uri baseAddress)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        return new ConsoleSession(new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) });
    }

    public static async Task<int> CreateUserAsync(BotApp app, string userName, string role, string? displayName = null)
    {
        var accounts = app.Services.GetRequiredService<AccountService>();
        var (user, error) = await accounts.CreateAsync(userName, displayName ?? userName, Password, role, CancellationToken.None);
        Assert.True(user is not null, error);
        return user!.Id;
    }

    public static async Task<ConsoleSession> SignInAsync(BotApp app, string userName, string password = Password)
    {
        var session = Anonymous(app);
        var response = await session.SubmitLoginAsync(userName, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    public async Task<HttpResponseMessage> SubmitLoginAsync(string userName, string password)
    {
        var token = await TokenAsync("/console/login");
        return await Http.PostAsync("/console/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>The antiforgery request token of a page (its meta tag), with the cookie half stored.</summary>
    public async Task<string> TokenAsync(string page = "/console")
    {
        var html = await Http.GetStringAsync(page);
        return MetaToken().Match(html).Groups[1].Value;
    }

    public async Task<HttpResponseMessage> PostJsonAsync(string path, object? body, bool withToken = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        if (withToken)
        {
            request.Headers.Add("RequestVerificationToken", await TokenAsync());
        }
        return await Http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields, bool withToken = true)
    {
        if (withToken)
        {
            fields["__RequestVerificationToken"] = await TokenAsync();
        }
        return await Http.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex MetaToken();
}
