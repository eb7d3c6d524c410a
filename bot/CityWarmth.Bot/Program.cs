using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Admin;
using CityWarmth.Bot.Auth;
using CityWarmth.Bot.Cases;
using CityWarmth.Bot.Console;
using CityWarmth.Bot.Conversations;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.DirectLine;
using CityWarmth.Bot.Handoff;
using CityWarmth.Bot.Infrastructure;
using CityWarmth.Bot.KnowledgePages;
using CityWarmth.Bot.Limits;
using CityWarmth.Bot.Privacy;
using CityWarmth.Knowledge;
using CityWarmth.Bot.Jobs;
using CityWarmth.Bot.Messaging;

// Command-line verbs run without the web server.
if (EvaluatePolicyCommand.Matches(args))
{
    Environment.ExitCode = EvaluatePolicyCommand.Run(args, Console.Out);
    return;
}

// `eval-routing <messages.jsonl> [bot url]`: score a running bot's routing through /api/messages.
if (EvaluateRoutingCommand.Matches(args))
{
    Environment.ExitCode = await EvaluateRoutingCommand.RunAsync(args, Console.Out);
    return;
}

if (ImportJobsCommand.Matches(args))
{
    Environment.ExitCode = await ImportJobsCommand.RunAsync(args, Console.Out);
    return;
}

// `create-user <name> --role admin|caseworker`: make a console account and exit, without starting the server.
if (CreateUserCommand.Matches(args))
{
    Environment.ExitCode = await CreateUserCommand.RunAsync(args);
    return;
}

// `kb-import <folder> [--publish]`: stage a folder of documents in the knowledge draft and exit.
if (KnowledgeImportCommand.Matches(args))
{
    Environment.ExitCode = await KnowledgeImportCommand.RunAsync(args);
    return;
}

// Settings are read once at start. Reloading appsettings.json on change watches the whole content root, and the
// SQLite files under it change on every turn: each write woke the watcher (measured ~5% of the CPU under load).
var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);

// Serve the project's wwwroot (Web Chat page) from a build output in every environment, not only Development.
builder.WebHost.UseStaticWebAssets();

// Configuration: the one appsettings.json at the repository root (see CityWarmthConfiguration).
builder.AddCityWarmthConfiguration();
builder.Services.AddProblemDetails();

// Storage: SQLite file under Storage:DataPath by default, PostgreSQL when configured.
builder.AddBotStorage();
builder.AddJobsStore();

// Bot Framework: channel authentication, the turn pipeline, the skills.
builder.Services.AddBotAuthentication(builder.Configuration);
builder.Services.AddKnowledge();
builder.Services.AddBotMessaging();
builder.Services.AddBotConversations();

// Handoff to a person, and the caseworker console (the built-in agent hub) with its accounts.
builder.Services.AddHandoff();
builder.Services.AddConsoleAccounts();
builder.Services.AddCaseworkerConsole();

// The embedded Direct Line 3.0 channel that Web Chat talks to.
builder.Services.AddDirectLine();

// Knowledge administration: versions, the admin API (API key or console admin) and the console's knowledge pages.
builder.Services.AddKnowledgeAdmin();

// Abuse limits: per-address on the APIs, per-worker on messages (RateLimits in appsettings.json).
builder.Services.AddRateLimits();

// Privacy: a worker's "删除我的信息", and anonymising idle conversations after Privacy:RetentionDays.
builder.Services.AddPrivacy();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
// Channels call the messaging endpoint server to server and prove who they are with the Bot Framework token it checks
// itself, and workers' message rates are limited per worker inside the turn (WorkerRateLimiter). So the browser-facing
// middleware (CORS, the per-address limits, the console's cookie and authorization) runs off that endpoint only: on a
// turn each one only passed it on, yet cost an async frame per request, and CORS resolved services (a DI scope) per
// request. Should the endpoint ever carry authorization or CORS metadata, routing refuses to run it without them.
static bool OffTheMessagingEndpoint(HttpContext http) => !http.Request.Path.StartsWithSegments(MessagesEndpoint.Path);
app.UseWhen(OffTheMessagingEndpoint, branch =>
{
    branch.UseCors();
    branch.UseRateLimiter();
    branch.UseAuthentication();
    branch.UseAuthorization();
});
// WebApplication puts its own UseAuthentication and UseAuthorization into the pipeline unless the app's builder
// records having called them, and a UseWhen branch records that only on the branch; so the app's builder is marked
// too, under the keys those methods set (ASP.NET Core's own names; a test fails should they ever change:
// TheConsoleCookieIsNotAuthenticatedOnTheMessagingEndpoint).
const string AuthenticationUsedKey = "__AuthenticationMiddlewareSet";
const string AuthorizationUsedKey = "__AuthorizationMiddlewareSet";
((IApplicationBuilder)app).Properties[AuthenticationUsedKey] = true;
((IApplicationBuilder)app).Properties[AuthorizationUsedKey] = true;

app.MapBotMessages();
app.MapKnowledgePages();
app.MapWorkerCasePages();
app.MapDirectLine();
app.MapJobsAdminApi();
app.MapCaseworkerConsole();
app.MapKnowledgeAdmin();
app.MapCasesAdminApi();
app.MapGet("/health", () => Results.Ok(new { status = "ok" })).ExcludeFromDescription();

app.Run();

public partial class Program;
