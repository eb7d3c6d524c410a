using CityWarmth.Bot.Data;
using CityWarmth.Bot.Handoff;
using CityWarmth.Bot.Hosting;
using CityWarmth.Bot.Privacy;
using CityWarmth.WeChat;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.WeChat;

public static class WeChatServiceCollectionExtensions
{
    /// <summary>
    /// The WeChat official account channel (<c>WeChat</c> in appsettings.json, validated on start): the protocol, the
    /// access token and the retry log in the bot's database (shared by every instance), delivery of caseworkers' and
    /// other proactive messages, and erasure of what the channel keeps.
    /// </summary>
    public static IServiceCollection AddWeChat(this IServiceCollection services)
    {
        services.AddWeChatProtocol();
        services.AddSingleton<IWeChatTokenStore, EfWeChatTokenStore>();
        services.AddSingleton<WeChatInboundLog>();
        services.AddSingleton<WeChatMessenger>();
        services.AddSingleton<WeChatChannel>();
        services.AddSingleton<IChannelWorkerDelivery, WeChatWorkerDelivery>();
        services.AddSingleton<IConversationDataEraser, WeChatInboundEraser>();
        services.AddHostedService<WeChatInboundSweeper>();
        return services;
    }
}

/// <summary>
/// <c>dotnet run --project bot/CityWarmth.Bot -- wechat-menu</c>: creates the account's custom menu through WeChat's
/// API with the configured settings and exits. Exit code 0 when WeChat accepted it, 1 when it refused, 2 when the
/// channel is not configured.
/// </summary>
public static class WeChatMenuCommand
{
    public const string Verb = "wechat-menu";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        // The same configuration and database as the web host (the access token is shared through it), but no server.
        var builder = BotHost.CreateBuilder(args[1..]);
        builder.AddBotStorage();
        builder.Services.AddWeChatProtocol();
        builder.Services.AddSingleton<IWeChatTokenStore, EfWeChatTokenStore>();
        await using var app = builder.Build();

        WeChatOptions settings;
        try
        {
            settings = app.Services.GetRequiredService<IOptions<WeChatOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            await output.WriteLineAsync("微信设置有误：" + string.Join(" ", ex.Failures));
            return 2;
        }
        if (!settings.Enabled)
        {
            await output.WriteLineAsync("微信渠道没有开启：请先在 appsettings.json 填写 WeChat:Token、WeChat:AppId 和 WeChat:AppSecret。");
            return 2;
        }

        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>().CreateDbContextAsync())
        {
            await db.Database.MigrateSharedAsync();
        }
        var result = await app.Services.GetRequiredService<WeChatApiClient>().CreateMenuAsync(WeChatMenu.Buttons, CancellationToken.None);
        if (result.Succeeded)
        {
            await output.WriteLineAsync("菜单已创建：" + string.Join(" | ", WeChatMenu.Buttons.Select(b =>
                b.SubButtons is { } subs ? $"{b.Name}（{string.Join("、", subs.Select(s => s.Name))}）" : b.Name)));
            return 0;
        }
        await output.WriteLineAsync($"微信没有接受菜单：errcode {result.ErrCode} {result.ErrMsg}");
        return 1;
    }
}
