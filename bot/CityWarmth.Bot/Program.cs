using CityWarmth.Bot.Auth;
using CityWarmth.Bot.Cases;
using CityWarmth.Bot.Conversations;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Infrastructure;
using CityWarmth.Bot.KnowledgePages;
using CityWarmth.Knowledge;
using CityWarmth.Bot.Messaging;

var builder = WebApplication.CreateBuilder(args);

// Configuration: the one appsettings.json at the repository root (see CityWarmthConfiguration).
builder.AddCityWarmthConfiguration();
builder.Services.AddProblemDetails();

// Storage: SQLite file under Storage:DataPath by default, PostgreSQL when configured.
builder.AddBotStorage();

// Bot Framework: channel authentication, the turn pipeline, the skills.
builder.Services.AddBotAuthentication(builder.Configuration);
builder.Services.AddKnowledge();
builder.Services.AddBotMessaging();
builder.Services.AddBotConversations();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapBotMessages();
app.MapKnowledgePages();
app.MapWorkerCasePages();
app.MapGet("/health", () => Results.Ok(new { status = "ok" })).ExcludeFromDescription();

app.Run();

public partial class Program;
