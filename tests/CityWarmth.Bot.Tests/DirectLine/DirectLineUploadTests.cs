using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CityWarmth.BotFramework.Schema;

namespace CityWarmth.Bot.Tests.DirectLine;

/// <summary>Uploads at /conversations/{id}/upload, shaped as DirectLineJS sends them (the activity as a Blob part, files as 'file').</summary>
public sealed class DirectLineUploadTests(DirectLineAppFixture fixture) : IClassFixture<DirectLineAppFixture>, IDisposable
{
    private static readonly byte[] Photo = [.. "\x89PNG\r\n\x1a\n"u8.ToArray(), .. Enumerable.Range(0, 2000).Select(i => (byte)i)];
    private readonly HttpClient _http = fixture.App.CreateHttpClient();

    private DirectLineClient Client => new(_http);

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task AFileSentWithAMessageIsListedWithItAsAnAttachment()
    {
        var started = await Client.StartNewAsync("u_upload");

        using var response = await UploadAsync(started.ConversationId, started.Token, "工资条", ("file", "工资条.png", "image/png", Photo));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        var listed = await Client.GetActivitiesAsync(started.ConversationId, started.Token);
        var echo = Assert.Single(listed.Activities, a => a.Id == id);
        Assert.Equal("工资条", echo.Text);
        Assert.Equal("u_upload", echo.From?.Id);
        var attachment = Assert.Single(echo.Attachments!);
        Assert.Equal("image/png", attachment.ContentType);
        Assert.Equal("工资条.png", attachment.Name);
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(Photo), attachment.ContentUrl);
        // The bot answered the message, so the worker is not left waiting.
        Assert.Contains(listed.Activities, a => a.ReplyToId == id && a.From?.Role == RoleTypes.Bot);
    }

    [Fact]
    public async Task UploadsBeyondTheLimitsOrMalformedAreRefusedClearly()
    {
        var started = await Client.StartNewAsync("u_upload_bad");
        var other = await Client.StartNewAsync("u_upload_other");
        var tooBig = new byte[200 * 1024];

        using var big = await UploadAsync(started.ConversationId, started.Token, "大文件", ("file", "big.jpg", "image/jpeg", tooBig));
        using var many = await UploadAsync(started.ConversationId, started.Token, "很多", [.. Enumerable.Range(0, 11).Select(i => ("file", $"{i}.png", "image/png", Photo))]);
        using var notMultipart = await Client.SendAsync(HttpMethod.Post, $"{DirectLineClient.Domain}/conversations/{started.ConversationId}/upload", started.Token, "{\"type\":\"message\"}");
        using var noActivity = await UploadAsync(started.ConversationId, started.Token, null, ("file", "a.png", "image/png", Photo));
        using var notTheirs = await UploadAsync(other.ConversationId, started.Token, "你好", ("file", "a.png", "image/png", Photo));

        Assert.Equal((413, "MessageSizeTooBig"), await DirectLineClient.ErrorOf(big));
        Assert.Equal((400, "BadArgument"), await DirectLineClient.ErrorOf(many));
        Assert.Equal((400, "BadArgument"), await DirectLineClient.ErrorOf(notMultipart));
        Assert.Equal((400, "BadArgument"), await DirectLineClient.ErrorOf(noActivity));
        Assert.Equal((403, "TokenNotForConversation"), await DirectLineClient.ErrorOf(notTheirs));
        // Nothing of the refused uploads was listed.
        var listed = await Client.GetActivitiesAsync(started.ConversationId, started.Token);
        Assert.DoesNotContain(listed.Activities, a => a.From?.Role == RoleTypes.User);
    }

    private async Task<HttpResponseMessage> UploadAsync(string conversationId, string token, string? text, params (string Name, string FileName, string ContentType, byte[] Bytes)[] files)
    {
        using var form = new MultipartFormDataContent();
        if (text is not null)
        {
            var activity = JsonSerializer.Serialize(new { type = "message", text, from = new { id = "u_upload", role = "user" }, locale = "zh-CN" });
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(activity));
            part.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
            form.Add(part, "activity", "blob");
        }
        foreach (var (name, fileName, contentType, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(part, name, fileName);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{DirectLineClient.Domain}/conversations/{conversationId}/upload?userId=u_upload") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request);
    }
}
