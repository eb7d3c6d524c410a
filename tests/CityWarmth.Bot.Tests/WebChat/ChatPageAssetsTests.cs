using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using CityWarmth.Bot.Tests.Infrastructure;

namespace CityWarmth.Bot.Tests.WebChat;

public sealed class ChatPageAppFixture : IDisposable
{
    public BotApp App { get; } = new();

    public void Dispose()
    {
        App.Dispose();
        App.DeleteData();
    }
}

/// <summary>What the chat page costs a phone: headers and sizes over HTTP (times are measured in bench/, not here).</summary>
public sealed partial class ChatPageAssetsTests(ChatPageAppFixture fixture) : IClassFixture<ChatPageAppFixture>, IDisposable
{
    // The first visit's budget on the wire, of which the page and its own files take a few KB.
    private const int FirstVisitBudgetBytes = 1_200 * 1024;
    private readonly HttpClient _http = fixture.App.CreateHttpClient();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task ThePageSaysWhatItIsBeforeAnyScriptAndIsNeverCachedStale()
    {
        using var response = await _http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>城暖助手</h1>", html);
        Assert.Contains("正在连接…", html);
        Assert.Contains("讨工资", html);
        Assert.Contains("href=\"tel:12333\"", html);
    }

    [Fact]
    public async Task ThePageNamesOnlyItsOwnFingerprintedFiles()
    {
        var html = await _http.GetStringAsync("/");

        var urls = AssetUrls(html);
        Assert.Equal(3, urls.Count);
        Assert.All(urls, url => Assert.Matches(Fingerprinted(), url));
        Assert.Contains(urls, url => url.StartsWith("/lib/webchat.", StringComparison.Ordinal));
        Assert.DoesNotContain("//", string.Join(" ", urls));
    }

    [Fact]
    public async Task FingerprintedFilesComePrecompressedAndCachedForGood()
    {
        var webchat = AssetUrls(await _http.GetStringAsync("/")).Single(u => u.StartsWith("/lib/webchat.", StringComparison.Ordinal));

        using var brotli = await GetAsync(webchat, "gzip, deflate, br");
        using var gzip = await GetAsync(webchat, "gzip");
        using var identity = await GetAsync(webchat, null);

        Assert.Equal(["br"], brotli.Content.Headers.ContentEncoding);
        Assert.Equal(["gzip"], gzip.Content.Headers.ContentEncoding);
        Assert.Empty(identity.Content.Headers.ContentEncoding);
        foreach (var response in new[] { brotli, gzip, identity })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
            Assert.Contains(response.Headers.CacheControl!.Extensions, e => e.Name == "immutable");
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
        }
        // Brotli is a third smaller than gzip here, which is most of a second on a 3G phone.
        Assert.True(brotli.Content.Headers.ContentLength < gzip.Content.Headers.ContentLength * 0.8);
        Assert.True(gzip.Content.Headers.ContentLength < identity.Content.Headers.ContentLength / 3);
    }

    [Fact]
    public async Task AFirstVisitFitsTheBudgetInBrotli()
    {
        using var page = await GetAsync("/", "gzip, deflate, br");
        var total = (await page.Content.ReadAsByteArrayAsync()).Length;
        foreach (var url in AssetUrls(await page.Content.ReadAsStringAsync()))
        {
            using var asset = await GetAsync(url, "gzip, deflate, br");
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            total += (await asset.Content.ReadAsByteArrayAsync()).Length;
        }

        Assert.InRange(total, 1, FirstVisitBudgetBytes - 16 * 1024);
    }

    [Fact]
    public async Task UnfingerprintedNamesStillWorkButAreRevalidated()
    {
        // Cities' pages that load /lib/webchat.js by its plain name get updates on their next visit.
        using var plain = await GetAsync("/lib/webchat.js", "br");
        using var again = await ConditionalGetAsync("/lib/webchat.js", plain.Headers.ETag!);

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.True(plain.Headers.CacheControl?.NoCache);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    private async Task<HttpResponseMessage> GetAsync(string url, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }
        return await _http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> ConditionalGetAsync(string url, EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
        request.Headers.IfNoneMatch.Add(etag);
        return await _http.SendAsync(request);
    }

    private static List<string> AssetUrls(string html) =>
        [.. AssetReference().Matches(html).Select(m => m.Groups["url"].Value).Where(u => !u.StartsWith("data:", StringComparison.Ordinal) && !u.StartsWith("tel:", StringComparison.Ordinal))];

    [GeneratedRegex("(?:src|href)=\"(?<url>[^\"]+)\"")]
    private static partial Regex AssetReference();

    [GeneratedRegex(@"^/[\w/-]+\.[a-z0-9]{10}\.(js|css)$")]
    private static partial Regex Fingerprinted();
}
