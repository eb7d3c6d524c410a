using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Cases;
using CityWarmth.Bot.Console;
using CityWarmth.Bot.Conversations;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.DirectLine;
using CityWarmth.Bot.Handoff;
using CityWarmth.Bot.Hosting;
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

// Configuration: the one appsettings.json at the repository root, read once at start; wwwroot served as built.
var builder = BotHost.CreateBuilder(args);
builder.ServeBuiltStaticAssets();
builder.Services.AddProblemDetails();

// Storage: a SQLite file under Storage:DataPath by default, PostgreSQL when configured.
builder.AddBotStorage();
// Bot Framework: channel authentication, the turn pipeline (/api/messages) and the embedded Direct Line for Web Chat.
builder.Services.AddBotAuthentication(builder.Configuration);
builder.Services.AddBotMessaging();
builder.Services.AddDirectLine();
builder.Services.AddWeChat();   // the WeChat official account channel, off while WeChat:Token is empty
// The skills and what the host gives them: the published knowledge version, wage cases, job postings.
builder.Services.AddBotConversations();
builder.Services.AddKnowledgeBase();
builder.Services.AddWageCases();
builder.Services.AddJobsStore();
// People: handoff to a caseworker, the console with its accounts, the admin API for scripts.
builder.Services.AddHandoff();
builder.Services.AddConsoleAccounts();
builder.Services.AddCaseworkerConsole();
builder.Services.AddAdminApis();
builder.Services.AddServerPages();   // every HTML page is a Razor Page in its feature's folder
// Abuse limits (per address on the APIs, per worker on messages) and privacy (erasure, retention).
builder.Services.AddRateLimits();
builder.Services.AddPrivacy();
// Operations: health checks, metrics on /metrics, traces through OTLP when configured.
builder.AddOperations();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UsePageSecurityHeaders();
app.UseWebSockets();   // Direct Line streams (/v3/directline/conversations/{id}/stream)
// The messaging endpoint runs right here (ShortCircuit), without the browser-facing middleware that follows.
app.UseRouting();
app.UseCors();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseConsoleSecurityHeaders();

// wwwroot from the build's manifest (Brotli/gzip made at build, fingerprinted names cached for good), and Razor
// Pages that name those files by their fingerprinted URLs (WithStaticAssets).
app.MapStaticAssets();
app.MapBotMessages();
app.MapDirectLine();
app.MapWeChat();
app.MapCaseworkerConsole();
app.MapAdminApis();
app.MapRazorPages().WithStaticAssets();
app.MapOperations();

app.Run();

public partial class Program;
