using System.Net;
using System.Net.Http.Json;
using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Tests.Infrastructure;
using static CityWarmth.Bot.Tests.KnowledgeBase.KnowledgeAdminKit;

namespace CityWarmth.Bot.Tests.KnowledgeBase;

public sealed class KnowledgeUploadTests : IClassFixture<KnowledgeUploadTests.AppFixture>
{
    private readonly AppFixture _fixture;

    public KnowledgeUploadTests(AppFixture fixture) => _fixture = fixture;

    public static TheoryData<string, string, string> Formats() => new()
    {
        { "fmt-txt.txt", "一、住房补贴\n青禾市对租房的农民工每月补贴三百元。", "住房补贴" },
        { "fmt-md.md", "# 手册\n\n## 住房补贴\n\n青禾市对租房的农民工每月补贴三百元。", "住房补贴" },
        { "fmt-html.html", "<html><body><h1>手册</h1><h2>住房补贴</h2><p>青禾市对租房的农民工每月补贴三百元。</p></body></html>", "住房补贴" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task TextFormatsAreParsedIntoPassagesWithHeadings(string fileName, string content, string heading)
    {
        using var api = ApiClient(_fixture.App);
        var staged = await JsonAsync(await UploadAsync(api, fileName, Utf8(content)), HttpStatusCode.Created);
        Assert.Contains(staged.GetProperty("passages").EnumerateArray(), p => p.GetProperty("heading").GetString()!.Contains(heading));
    }

    [Fact]
    public async Task AWordDocumentIsParsedIntoPassages()
    {
        using var api = ApiClient(_fixture.App);
        var docx = Docx("一、夜校报名", "青禾市总工会开办农民工夜校,报名请带身份证。", "二、棉衣发放", "每年十二月在火车站广场发放棉衣。");
        var staged = await JsonAsync(await UploadAsync(api, "fmt-docx.docx", docx), HttpStatusCode.Created);
        var passages = staged.GetProperty("passages").EnumerateArray().ToList();
        Assert.Contains(passages, p => p.GetProperty("heading").GetString() == "一、夜校报名" || p.GetProperty("sectionKey").GetString() == "一");
        Assert.Contains(passages, p => p.GetProperty("text").GetString()!.Contains("棉衣"));
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", staged.GetProperty("document").GetProperty("contentType").GetString());
    }

    [Fact]
    public async Task APdfWithTextIsParsedAndSearchableInTheDraft()
    {
        using var api = ApiClient(_fixture.App);
        var pdf = Pdf("1. Night school", "Workers can join the night school every Wednesday evening.", "2. Winter coats", "Coats are handed out at the station square in December.");
        var staged = await JsonAsync(await UploadAsync(api, "fmt-pdf.pdf", pdf), HttpStatusCode.Created);
        Assert.Contains(staged.GetProperty("passages").EnumerateArray(), p => p.GetProperty("text").GetString()!.Contains("night school"));
        var hits = await GetJsonAsync(api, "/api/admin/knowledge/search?q=winter%20coats&version=draft");
        Assert.Equal("fmt-pdf", hits.GetProperty("hits")[0].GetProperty("documentId").GetString());
    }

    [Fact]
    public async Task PreviewParsesWithoutStagingAnything()
    {
        using var api = ApiClient(_fixture.App);
        var passages = await JsonAsync(await api.PostAsync("/api/admin/documents/preview", Form("preview-only.md", Utf8(HandbookMarkdown))), HttpStatusCode.OK);
        Assert.Contains(passages.EnumerateArray(), p => p.GetProperty("heading").GetString() == "夜校报名");
        var list = await GetJsonAsync(api, "/api/admin/documents");
        Assert.DoesNotContain(list.GetProperty("draft").EnumerateArray(), d => d.GetProperty("id").GetString() == "preview-only");
    }

    public static TheoryData<string, byte[], HttpStatusCode> BadUploads() => new()
    {
        { "empty.txt", [], HttpStatusCode.BadRequest },
        { "blank.md", Utf8("   \n\n  \n"), HttpStatusCode.BadRequest },
        { "broken.docx", Utf8("this is not a zip package"), HttpStatusCode.BadRequest },
        { "broken.pdf", Utf8("%PDF-1.4 garbage"), HttpStatusCode.BadRequest },
        { "scan.pdf", Pdf(), HttpStatusCode.BadRequest },
        { "photo.png", [0x89, 0x50, 0x4E, 0x47, 1, 2, 3], HttpStatusCode.UnsupportedMediaType },
        { "setup.exe", Utf8("MZ"), HttpStatusCode.UnsupportedMediaType },
        { "noextension", Utf8("一、住房\n补贴"), HttpStatusCode.UnsupportedMediaType },
        { "big.txt", Utf8("一、很长\n" + new string('长', 30_000)), HttpStatusCode.RequestEntityTooLarge },
        { "huge.txt", Utf8(new string('长', 400_000)), HttpStatusCode.RequestEntityTooLarge },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task BadUploadsGetProblemDetailsAndChangeNothing(string fileName, byte[] content, HttpStatusCode expected)
    {
        using var app = NewApp(maxUploadBytes: 64 * 1024);
        try
        {
            using var api = ApiClient(app);
            var response = await UploadAsync(api, fileName, content);
            Assert.Equal(expected, response.StatusCode);
            if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
            {
                var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
                Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
            }
            else
            {
                Assert.Equal(HttpStatusCode.RequestEntityTooLarge, expected);   // cut off by the server before the endpoint ran
            }

            var list = await GetJsonAsync(api, "/api/admin/documents");
            Assert.Equal(System.Text.Json.JsonValueKind.Null, list.GetProperty("draftVersion").ValueKind);
            Assert.Single((await GetJsonAsync(api, "/api/admin/knowledge/versions")).EnumerateArray());
            var audit = await app.Services.GetRequiredService<AuditLog>().RecentAsync(50, null, CancellationToken.None);
            Assert.DoesNotContain(audit, e => e.Action.StartsWith("kb.", StringComparison.Ordinal));
        }
        finally
        {
            app.DeleteData();
        }
    }

    [Fact]
    public async Task RequestsThatAreNotUploadsAreRefused()
    {
        using var api = ApiClient(_fixture.App);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await api.PostAsJsonAsync("/api/admin/documents", new { file = "x" })).StatusCode);
        var noFile = new MultipartFormDataContent { { new StringContent("标题"), "title" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("/api/admin/documents", noFile)).StatusCode);
        var badDate = await UploadAsync(api, "bad-date.txt", Utf8("一、住房\n补贴三百元。"), new Dictionary<string, string> { ["date"] = "去年" });
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        var badId = await UploadAsync(api, "bad-id.txt", Utf8("一、住房\n补贴三百元。"), new Dictionary<string, string> { ["documentId"] = "../etc" });
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
    }

    public sealed class AppFixture : IDisposable
    {
        public BotApp App { get; } = NewApp();

        public void Dispose()
        {
            App.Dispose();
            App.DeleteData();
        }
    }
}
