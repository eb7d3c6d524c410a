using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CityWarmth.Bot.Tests.Infrastructure;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace CityWarmth.Bot.Tests.KnowledgeBase;

/// <summary>Apps, clients and small real documents for the knowledge administration tests.</summary>
public static partial class KnowledgeAdminKit
{
    public const string ApiKey = "test-admin-key-7f3a9c";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A city handbook the shipped knowledge knows nothing about.</summary>
    public const string HandbookMarkdown = """
        # 青禾市农民工服务手册

        ## 夜校报名

        青禾市总工会开办农民工夜校,每周三晚上七点在工人文化宫上课。报名请带身份证到文化宫三楼服务台,学费全免。

        ## 冬季送温暖

        每年十二月,青禾市在火车站广场发放棉衣和热水袋,凭务工证明领取。
        """;

    public const string HandbookQuestion = "青禾市农民工夜校怎么报名";

    public static BotApp NewApp(string? dataPath = null, long? maxUploadBytes = null)
    {
        var settings = new Dictionary<string, string?> { ["Admin:ApiKeys:0"] = ApiKey };
        if (maxUploadBytes is { } max)
        {
            settings["Admin:MaxUploadBytes"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new BotApp(dataPath, settings);
    }

    public static HttpClient ApiClient(BotApp app, string? key = ApiKey)
    {
        var client = app.CreateHttpClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public static MultipartFormDataContent Form(string fileName, byte[] content, IDictionary<string, string>? fields = null, string contentType = "application/octet-stream")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "file", fileName);
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, byte[] content, IDictionary<string, string>? fields = null) =>
        client.PostAsync("/api/admin/documents", Form(fileName, content, fields));

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path) =>
        await JsonAsync(await client.GetAsync(path), HttpStatusCode.OK);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A Word document: a title paragraph, then numbered headings and their text.</summary>
    public static byte[] Docx(params string[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new Document(new Body(paragraphs.Select(p => new Paragraph(new Run(new Text(p))))));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>A one-page PDF with ASCII lines of text (PdfPig's builder has no CJK font), or none.</summary>
    public static byte[] Pdf(params string[] lines)
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        if (lines.Length == 0)
        {
            // A drawn shape but no text layer, like a scan.
            page.DrawRectangle(new PdfPoint(50, 50), 200, 100);
        }
        else
        {
            var font = builder.AddStandard14Font(Standard14Font.Helvetica);
            var y = 780.0;
            foreach (var line in lines)
            {
                page.AddText(line, 12, new PdfPoint(40, y), font);
                y -= 20;
            }
        }

        return builder.Build();
    }

    /// <summary>Replies to a question asked through /api/messages, as raw JSON text (citations included).</summary>
    public static async Task<string> AskAsync(BotApp app, HttpClient client, string question, string conversationId)
    {
        var replies = await app.AskAsync(client, TestActivities.Message(question, conversationId));
        return JsonSerializer.Serialize(replies, CityWarmth.BotFramework.Schema.ProtocolJson.Options);
    }

    /// <summary>Signs in to the console and returns the session cookie header value (it is scoped to /console).</summary>
    public static async Task<string> ConsoleCookieAsync(BotApp app, string userName, string role)
    {
        await Console.ConsoleSession.CreateUserAsync(app, userName, role);
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var html = await http.GetStringAsync("/console/login");
        var token = MetaToken().Match(html).Groups[1].Value;
        var response = await http.PostAsync("/console/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = Console.ConsoleSession.Password,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return cookies.GetCookieHeader(new Uri(app.BaseAddress, "/console"));
    }

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex MetaToken();
}
