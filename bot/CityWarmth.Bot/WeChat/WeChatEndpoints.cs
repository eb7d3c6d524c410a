using System.Text;
using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Messaging;
using CityWarmth.WeChat;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.WeChat;

/// <summary>
/// <c>/api/wechat</c>, the official account's server URL: GET verifies the URL (echoes <c>echostr</c>), POST carries
/// the messages. A bad signature or a stale timestamp gets 401; an unreadable message 400. Also
/// <c>POST /api/admin/wechat/menu</c>, which creates the account's custom menu.
/// </summary>
public static partial class WeChatEndpoints
{
    public const string Path = "/api/wechat";
    public const string MenuPath = "/api/admin/wechat/menu";

    /// <summary>WeChat's messages are a few hundred bytes; this leaves room for long texts and the encrypted copy.</summary>
    private const int MaxBodyBytes = 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEndpointRouteBuilder MapWeChat(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<WeChatOptions>>().Value.Enabled)
        {
            // The channel is off while WeChat:Token is empty: the URL does not exist.
            return app;
        }
        app.MapGet(Path, Verify).ExcludeFromDescription();
        app.MapPost(Path, ReceiveAsync).ExcludeFromDescription();
        app.MapPost(MenuPath, CreateMenuAsync).WithTags("Admin")
            .RequireAuthorization(AdminApi.AdminApiServiceCollectionExtensions.Policy);
        return app;
    }

    private static WeChatQuery Query(HttpRequest request) => new(
        request.Query["signature"], request.Query["timestamp"], request.Query["nonce"],
        request.Query["encrypt_type"], request.Query["msg_signature"], request.Query["openid"]);

    private static IResult Verify(HttpRequest request, WeChatServer server, ILoggerFactory loggers)
    {
        if (server.VerifyUrl(Query(request)) is { } refused)
        {
            return Refuse(refused, loggers);
        }
        var echo = request.Query["echostr"].ToString();
        return echo.Length == 0
            ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "缺少 echostr", detail: "URL verification echoes the echostr parameter.")
            : Results.Text(echo, "text/plain", Encoding.UTF8);
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext http, WeChatServer server, WeChatChannel channel, TimeProvider clock, IOptions<BotOptions> bot, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var receivedAt = clock.GetTimestamp();
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "消息太大", detail: $"A WeChat message may be at most {MaxBodyBytes} bytes.");
        }
        string body;
        try
        {
            body = await ReadBodyAsync(http.Request, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "无法读取消息", detail: ex.Message);
        }

        var opened = server.Open(Query(http.Request), body);
        if (opened.Refusal is not null)
        {
            return Refuse(opened, loggers);
        }

        var answer = await channel.HandleAsync(opened.Message!, PublicBaseUrl.Resolve(http, bot.Value), receivedAt, cancellationToken);
        if (answer.Later.Count > 0)
        {
            var openId = opened.Message!.FromUserName;
            http.Response.OnCompleted(() =>
            {
                channel.SendLater(openId, answer.Later);
                return Task.CompletedTask;
            });
        }
        // "success" tells WeChat there is nothing to show (and not to retry).
        return answer.ReplyXml is null
            ? Results.Text("success", "text/plain", Encoding.UTF8)
            : Results.Text(server.Seal(answer.ReplyXml, opened.Encrypted), "application/xml", Encoding.UTF8);
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new InvalidDataException($"A WeChat message may be at most {MaxBodyBytes} bytes.");
            }
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException("The body is not UTF-8.");
        }
    }

    private static IResult Refuse(WeChatOpened refused, ILoggerFactory loggers)
    {
        Log.Refused(loggers.CreateLogger(nameof(WeChatEndpoints)), refused.Refusal!.Value, refused.Detail);
        return refused.Refusal == WeChatRefusal.BadMessage
            ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "无法读取消息", detail: refused.Detail)
            : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "签名无效", detail: refused.Detail);
    }

    /// <summary>Creates the account's custom menu (<see cref="WeChatMenu"/>); WeChat's error code is passed on.</summary>
    private static async Task<IResult> CreateMenuAsync(WeChatApiClient client, AuditLog audit, HttpContext http, CancellationToken cancellationToken)
    {
        var result = await client.CreateMenuAsync(WeChatMenu.Buttons, cancellationToken);
        await audit.WriteAsync(http.User, "wechat.menu.create", "wechat:menu", $"errcode {result.ErrCode}", cancellationToken);
        return result.Succeeded
            ? Results.Ok(new { errcode = result.ErrCode, errmsg = result.ErrMsg })
            : Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "微信没有接受菜单",
                detail: $"WeChat answered errcode {result.ErrCode}: {result.ErrMsg}", extensions: new Dictionary<string, object?> { ["errcode"] = result.ErrCode });
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2681, Level = LogLevel.Warning, Message = "Refused a WeChat request ({Refusal}): {Detail}")]
        public static partial void Refused(ILogger logger, WeChatRefusal refusal, string? detail);
    }
}
