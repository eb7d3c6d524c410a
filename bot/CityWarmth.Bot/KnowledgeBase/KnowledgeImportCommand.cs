using System.Security.Claims;
using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Hosting;
using CityWarmth.Knowledge;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.KnowledgeBase;

/// <summary>
/// <c>dotnet run --project bot/CityWarmth.Bot -- kb-import &lt;folder&gt; [--publish] [--confirm]</c>: stages every
/// .txt/.md/.html/.docx/.pdf of a folder in the knowledge draft (metadata from <c>&lt;file&gt;.meta.json</c> sidecars,
/// else the file name as title), without starting the web server. <c>--publish</c> publishes the draft; a regression
/// drop stops it unless <c>--confirm</c> is given.
/// </summary>
public static class KnowledgeImportCommand
{
    public const string Verb = "kb-import";


    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= System.Console.Out;
        error ??= System.Console.Error;
        string? folder = null;
        bool publish = false, confirm = false;
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--publish": publish = true; break;
                case "--confirm": confirm = true; break;
                case var a when !a.StartsWith("--", StringComparison.Ordinal) && folder is null: folder = a; break;
                default: rest.Add(args[i]); break;
            }
        }

        if (folder is null || !Directory.Exists(folder))
        {
            await error.WriteLineAsync("usage: kb-import <folder> [--publish] [--confirm]   (the folder must exist)");
            return 2;
        }

        // The same configuration and database as the web app, but no server.
        var builder = BotHost.CreateBuilder(rest);
        builder.AddBotStorage();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddConsoleAccounts();
        builder.Services.AddKnowledgeBase();
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>().CreateDbContextAsync())
        {
            await db.Database.MigrateSharedAsync();
        }

        var cli = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "cli"), new Claim(ClaimTypes.Role, ConsoleRoles.Admin)], "cli"));
        var documents = app.Services.GetRequiredService<KnowledgeDocuments>();
        var publishing = app.Services.GetRequiredService<KnowledgePublishing>();
        try
        {
            var staged = await documents.ImportFolderAsync(cli, Path.GetFullPath(folder), CancellationToken.None);
            foreach (var doc in staged)
            {
                await output.WriteLineAsync($"{doc.Document.Status,-9} {doc.Document.Id}  {doc.Passages.Count} passages  ({doc.Document.FileName})");
            }

            await output.WriteLineAsync($"Staged {staged.Count} document(s) in the draft.");
            if (!publish)
            {
                return 0;
            }

            var outcome = await publishing.PublishAsync(cli, confirm, CancellationToken.None);
            await output.WriteLineAsync($"Regression: MRR {outcome.Regression.PublishedMrr:0.###} -> {outcome.Regression.DraftMrr:0.###}, better {outcome.Regression.Better.Count}, worse {outcome.Regression.Worse.Count}.");
            if (!outcome.Published)
            {
                await error.WriteLineAsync("Not published: some regression questions got worse. Review them, then run again with --confirm.");
                return 3;
            }

            await output.WriteLineAsync($"Published version {outcome.Version!.Number}. A running bot switches to it within {KnowledgeVersionWatcher.PollSeconds} seconds.");
            return 0;
        }
        catch (KnowledgeAdminException ex)
        {
            await error.WriteLineAsync($"{ex.Title}: {ex.Message}");
            return 1;
        }
    }
}
