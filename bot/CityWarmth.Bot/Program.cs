using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.AdminApi;
using CityWarmth.Bot.Cases;
using CityWarmth.Bot.Console;
using CityWarmth.Bot.Conversations;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.DirectLine;
using CityWarmth.Bot.Handoff;
using CityWarmth.Bot.Hosting;
using CityWarmth.Bot.Insights;
using CityWarmth.Bot.Jobs;
using CityWarmth.Bot.KnowledgeBase;
using CityWarmth.Bot.Operations;
using CityWarmth.Bot.Messaging;
using CityWarmth.Bot.Privacy;
using CityWarmth.Bot.WeChat;
using CityWarmth.BotFramework.Authentication;

// Command-line verbs (create-user, kb-import, import-jobs, eval-policy, eval-routing, wechat-menu) do their task and exit without the web server.
if (await CommandLine.TryRunAsync(args) is { } exitCode)
{
    Environment.ExitCode = exitCode;
    return;
}

// Configuration: the one appsettings.json at the repository root, read once at start.
var builder = BotHost.CreateBuilder(args);
// The Web Chat page (wwwroot) is served from the build output in every environment, not only Development.
builder.WebHost.UseStaticWebAssets();
if (!builder.Environment.IsDevelopment())
{
    // Outside development wwwroot is served as built (precompressed, fingerprinted names cached for good), not re-read
    // and re-sent uncached in case someone edited it, which MapStaticAssets does by default for a build's output.
    builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";
}
builder.Services.AddProblemDetails();

// Storage: a SQLite file under Storage:DataPath by default, PostgreSQL when configured.
builder.AddBotStorage();
// Bot Framework: channel authentication, the turn pipeline (/api/messages) and the embedded Direct Line for Web Chat.
builder.Services.AddBotAuthentication(builder.Configuration);
builder.Services.AddBotMessaging();
builder.Services.AddDirectLine();
// The WeChat official account channel (off while WeChat:Token is empty).
builder.Services.AddWeChat();
// The skills and what the host gives them: the published knowledge version, wage cases, job postings.
builder.Services.AddBotConversations();
builder.Services.AddKnowledgeBase();
builder.Services.AddWageCases();
builder.Services.AddJobsStore();
// People: handoff to a caseworker, the console with its accounts, the admin API for scripts.
builder.Services.AddHandoff();
builder.Services.AddConsoleAccounts();
builder.Services.AddCaseworkerConsole();
builder.Services.AddAdminApi();
// Every HTML page is a Razor Page in its feature's folder.
builder.Services.AddServerPages();
// Abuse limits (per address on the APIs, per worker on messages) and privacy (erasure, retention).
builder.Services.AddRateLimits();
builder.Services.AddPrivacy();
// Operations: health checks, metrics on /metrics, traces through OTLP when configured.
builder.AddOperations();
builder.Services.AddServiceStats();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UsePageSecurityHeaders();
// Direct Line streams (WebSocket upgrades at /v3/directline/conversations/{id}/stream).
app.UseWebSockets();
// The messaging endpoint runs right here (ShortCircuit), without the browser-facing middleware that follows.
app.UseRouting();
app.UseCors();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseConsoleSecurityHeaders();

// wwwroot from the build's manifest: Brotli/gzip made at build, fingerprinted names cached for good, ETags for the rest.
app.MapStaticAssets();
app.MapBotMessages();
app.MapDirectLine();
app.MapWeChat();
app.MapKnowledgeAdminApi();
app.MapCasesAdminApi();
app.MapJobsAdminApi();
app.MapStatsAdminApi();
app.MapCaseworkerConsole();
app.MapAdminApiDocument();
// WithStaticAssets: pages name scripts and styles by their fingerprinted URLs.
app.MapRazorPages().WithStaticAssets();
app.MapOperations();
app.MapGet("/health", () => Results.Ok(new { status = "ok" })).ExcludeFromDescription();

app.Run();

public partial class Program;
