using System.Net;
using System.Net.Http.Headers;
using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Tests.Infrastructure;
using static CityWarmth.Bot.Tests.KnowledgeBase.KnowledgeAdminKit;

namespace CityWarmth.Bot.Tests.KnowledgeBase;

public sealed class KnowledgeAdminAuthTests : IClassFixture<KnowledgeAdminAuthTests.AppFixture>
{
    private readonly AppFixture _fixture;

    public KnowledgeAdminAuthTests(AppFixture fixture) => _fixture = fixture;

    /// <summary>Every admin endpoint, with a body where it takes one.</summary>
    public static TheoryData<string, string> Endpoints() => new()
    {
        { "POST", "/api/admin/documents" },
        { "POST", "/api/admin/documents/preview" },
        { "GET", "/api/admin/documents" },
        { "GET", "/api/admin/documents/x" },
        { "PUT", "/api/admin/documents/x" },
        { "DELETE", "/api/admin/documents/x" },
        { "GET", "/api/admin/knowledge/versions" },
        { "GET", "/api/admin/knowledge/search?q=x" },
        { "GET", "/api/admin/knowledge/regression" },
        { "POST", "/api/admin/knowledge/publish" },
        { "POST", "/api/admin/knowledge/rollback" },
        { "DELETE", "/api/admin/knowledge/draft" },
        { "GET", "/api/admin/knowledge/synonyms" },
        { "POST", "/api/admin/knowledge/synonyms" },
        { "DELETE", "/api/admin/knowledge/synonyms/1" },
        { "GET", "/api/admin/knowledge/alternate-questions" },
        { "POST", "/api/admin/knowledge/alternate-questions" },
        { "DELETE", "/api/admin/knowledge/alternate-questions/1" },
        { "GET", "/api/admin/knowledge/regression-questions" },
        { "GET", "/api/admin/knowledge/regression-questions/file" },
        { "PUT", "/api/admin/knowledge/regression-questions/file" },
        { "POST", "/api/admin/knowledge/regression-questions" },
        { "DELETE", "/api/admin/knowledge/regression-questions/1" },
        { "GET", "/api/admin/knowledge/unanswered" },
        { "POST", "/api/admin/knowledge/unanswered/dismiss" },
        { "POST", "/api/admin/knowledge/answer-passages" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task WithoutCredentialsEveryEndpointAnswers401(string method, string path)
    {
        using var client = _fixture.App.CreateHttpClient();
        var response = await client.SendAsync(Request(method, path));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AWrongKeyIsRefusedOnEveryEndpoint(string method, string path)
    {
        using var client = ApiClient(_fixture.App, "not-the-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Request(method, path))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task ACaseworkerSessionIsForbiddenOnEveryEndpoint(string method, string path)
    {
        using var client = _fixture.App.CreateHttpClient();
        var request = Request(method, path);
        request.Headers.Add("Cookie", await _fixture.CookieAsync(ConsoleRoles.Caseworker));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AValidKeyOrAnAdminSessionIsLetIn(string method, string path)
    {
        using var keyed = ApiClient(_fixture.App);
        var byKey = await keyed.SendAsync(Request(method, path));
        Assert.NotEqual(HttpStatusCode.Unauthorized, byKey.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, byKey.StatusCode);

        using var client = _fixture.App.CreateHttpClient();
        var request = Request(method, path);
        request.Headers.Add("Cookie", await _fixture.CookieAsync(ConsoleRoles.Admin));
        var bySession = await client.SendAsync(request);
        Assert.NotEqual(HttpStatusCode.Unauthorized, bySession.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, bySession.StatusCode);
    }

    [Fact]
    public async Task WithNoKeysConfiguredNoBearerTokenIsAccepted()
    {
        using var app = new BotApp();
        try
        {
            using var client = app.CreateHttpClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "");
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/admin/knowledge/versions")).StatusCode);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/admin/knowledge/versions")).StatusCode);
        }
        finally
        {
            app.DeleteData();
        }
    }

    [Fact]
    public async Task TheKnowledgePagesNeedAnAdminSession()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _fixture.App.BaseAddress };
        var redirect = await anonymous.GetAsync("/console/knowledge");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Contains("/console/login", redirect.Headers.Location!.ToString());

        var caseworker = new HttpRequestMessage(HttpMethod.Get, "/console/knowledge");
        caseworker.Headers.Add("Cookie", await _fixture.CookieAsync(ConsoleRoles.Caseworker));
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.SendAsync(caseworker)).StatusCode);

        // An API key is for the API, not for the console.
        var keyed = new HttpRequestMessage(HttpMethod.Get, "/console/knowledge");
        keyed.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.SendAsync(keyed)).StatusCode);

        var admin = new HttpRequestMessage(HttpMethod.Get, "/console/knowledge");
        admin.Headers.Add("Cookie", await _fixture.CookieAsync(ConsoleRoles.Admin));
        var page = await anonymous.SendAsync(admin);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("知识库", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OnlyAdminsSeeTheKnowledgeLinkInTheConsoleMenu()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _fixture.App.BaseAddress };
        async Task<string> QueuePageAs(string role)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/console");
            request.Headers.Add("Cookie", await _fixture.CookieAsync(role));
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        Assert.Contains("href=\"/console/knowledge\"", await QueuePageAs(ConsoleRoles.Admin));
        Assert.DoesNotContain("/console/knowledge", await QueuePageAs(ConsoleRoles.Caseworker));
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheAdminApi()
    {
        using var client = _fixture.App.CreateHttpClient();
        var doc = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/admin/documents", doc);
        Assert.Contains("/api/admin/knowledge/publish", doc);
        Assert.Contains("/api/admin/knowledge/rollback", doc);
        Assert.Contains("/api/admin/knowledge/answer-passages", doc);
        Assert.Contains("AnswerPassageInput", doc);
        Assert.Contains("multipart/form-data", doc);
    }

    private static HttpRequestMessage Request(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = path.Contains("/documents", StringComparison.Ordinal)
                ? Form("auth-probe.txt", Utf8("一、住房\n补贴三百元。"))
                : new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        return request;
    }

    public sealed class AppFixture : IDisposable
    {
        private readonly Dictionary<string, Task<string>> _cookies = [];
        private readonly Lock _lock = new();

        public BotApp App { get; } = NewApp();

        public Task<string> CookieAsync(string role)
        {
            lock (_lock)
            {
                if (!_cookies.TryGetValue(role, out var cookie))
                {
                    cookie = ConsoleCookieAsync(App, "kb-" + role, role);
                    _cookies[role] = cookie;
                }

                return cookie;
            }
        }

        public void Dispose()
        {
            App.Dispose();
            App.DeleteData();
        }
    }
}
