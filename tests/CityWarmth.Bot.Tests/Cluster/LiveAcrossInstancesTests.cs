using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using CityWarmth.Bot.Tests.DirectLine;

namespace CityWarmth.Bot.Tests.Cluster;

/// <summary>A caseworker's console open on one instance, the worker's messages landing on another.</summary>
[Collection(ClusterCollection.Name)]
public sealed partial class LiveAcrossInstancesTests
{
    [ClusterFact]
    public async Task ACaseworkerOnOneInstanceSeesLiveAWorkerWhoseMessagesLandOnAnother()
    {
        var kit = new ClusterKit();
        var bots = await kit.StartAsync(2);
        try
        {
            await kit.CreateCaseworkerAsync("li.lan", "李兰");
            // Signed in through instance 0; the cookie (data-protection keys in the database) works on instance 1 too.
            var cookies = new CookieContainer();
            using var console = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = bots[0].BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            using var consoleElsewhere = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = bots[1].BaseAddress };
            var loginPage = await console.GetStringAsync("/console/login");
            var login = await console.PostAsync("/console/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = "li.lan",
                ["Password"] = ClusterKit.Password,
                ["__RequestVerificationToken"] = MetaToken().Match(loginPage).Groups[1].Value,
            }));
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await consoleElsewhere.GetAsync("/console/api/queue")).StatusCode);

            var queueEvents = await OpenEventsAsync(console, "/console/api/events");

            // The worker, on instance 1, asks for a person: the console on instance 0 hears of it.
            var worker = new DirectLineClient(bots[1].CreateClient());
            var issued = await worker.GenerateTokenAsync("u_live", ClusterKit.DirectLineSecret);
            Assert.Equal(HttpStatusCode.Created, (await worker.StartAsync(issued.Token)).Status);
            await worker.PostMessageAsync(issued.ConversationId, issued.Token, "转人工", "c1", "u_live");
            Assert.Equal("queue", await NextEventAsync(queueEvents, e => e.Event == "queue"));

            using var queue = JsonDocument.Parse(await console.GetStringAsync("/console/api/queue"));
            var caseId = queue.RootElement.GetProperty("queued")[0].GetProperty("id").GetString();
            var token = MetaToken().Match(await console.GetStringAsync("/console")).Groups[1].Value;
            using var claim = new HttpRequestMessage(HttpMethod.Post, $"/console/api/cases/{caseId}/claim") { Content = JsonContent.Create(new { }) };
            claim.Headers.Add("RequestVerificationToken", token);
            Assert.Equal(HttpStatusCode.OK, (await console.SendAsync(claim)).StatusCode);

            var caseEvents = await OpenEventsAsync(console, $"/console/api/events?caseId={caseId}");
            await worker.PostMessageAsync(issued.ConversationId, issued.Token, "工地在城南，欠了两万", "c2", "u_live");
            var line = await NextEventAsync(caseEvents, e => e.Event == "message" && e.Data.Contains("工地在城南", StringComparison.Ordinal));
            Assert.Equal("message", line);
        }
        finally
        {
            await Task.WhenAll(bots.Select(b => b.DisposeAsync().AsTask()));
        }
    }

    private sealed record ServerEvent(string Event, string Data);

    /// <summary>Reads a server-sent event stream in the background once its "ready" event has come.</summary>
    private static async Task<ChannelReader<ServerEvent>> OpenEventsAsync(HttpClient client, string path)
    {
        var events = Channel.CreateUnbounded<ServerEvent>();
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var ready = new TaskCompletionSource();
        _ = Task.Run(async () =>
        {
            string? name = null;
            try
            {
                while (await reader.ReadLineAsync() is { } text)
                {
                    if (text.StartsWith("event:", StringComparison.Ordinal))
                    {
                        name = text[6..].Trim();
                    }
                    else if (text.StartsWith("data:", StringComparison.Ordinal))
                    {
                        if (name == "ready")
                        {
                            ready.TrySetResult();
                        }
                        events.Writer.TryWrite(new ServerEvent(name ?? "message", text[5..].Trim()));
                    }
                }
            }
            catch (IOException)
            {
                // The test is over.
            }
            finally
            {
                response.Dispose();
            }
        });
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(20));
        return events.Reader;
    }

    private static async Task<string> NextEventAsync(ChannelReader<ServerEvent> events, Func<ServerEvent, bool> wanted)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var next = await events.ReadAsync(limit.Token);
            if (wanted(next))
            {
                return next.Event;
            }
        }
    }

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex MetaToken();
}
