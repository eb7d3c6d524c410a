using CityWarmth.Bot.Conversations;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Infrastructure;
using CityWarmth.Bot.Jobs;
using CityWarmth.Bot.Messaging;

// Command-line verbs run without the web server.
if (ImportJobsCommand.Matches(args))
{
    Environment.ExitCode = await ImportJobsCommand.RunAsync(args, Console.Out);
    return;
}

var builder = WebApplication.CreateBuilder(args);

// Configuration: the one appsettings.json at the repository root (see CityWarmthConfiguration).
builder.AddCityWarmthConfiguration();
builder.Services.AddProblemDetails();

// Storage: SQLite file under Storage:DataPath by default, PostgreSQL when configured.
builder.AddBotStorage();
builder.AddJobsStore();

// Bot Framework: channel authentication, the turn pipeline, the skills.
builder.Services.AddSingleton<LocalModeAuthenticator>();
builder.Services.AddSingleton<IChannelRequestAuthenticator>(sp => sp.GetRequiredService<LocalModeAuthenticator>());
builder.Services.AddSingleton<IConnectorAuthorization>(sp => sp.GetRequiredService<LocalModeAuthenticator>());
builder.Services.AddBotMessaging();
builder.Services.AddBotConversations();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapBotMessages();
app.MapJobsAdminApi();
app.MapGet("/health", () => Results.Ok(new { status = "ok" })).ExcludeFromDescription();

app.Run();

public partial class Program;
