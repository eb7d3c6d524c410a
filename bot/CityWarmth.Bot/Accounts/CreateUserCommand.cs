using CityWarmth.Bot.Data;
using CityWarmth.Bot.Hosting;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.Accounts;

/// <summary>
/// <c>dotnet run --project bot/CityWarmth.Bot -- create-user &lt;username&gt; [--role admin|caseworker] [--name 显示名]</c>:
/// creates a console account in the configured database without starting the web server. The password comes
/// from the CITYWARMTH_PASSWORD environment variable, or is asked for on the terminal.
/// </summary>
public static class CreateUserCommand
{
    public const string Verb = "create-user";
    public const string PasswordVariable = "CITYWARMTH_PASSWORD";


    public static async Task<int> RunAsync(string[] args)
    {
        string? userName = null, role = ConsoleRoles.Caseworker, displayName = null;
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--role" when i + 1 < args.Length: role = args[++i]; break;
                case "--name" when i + 1 < args.Length: displayName = args[++i]; break;
                case var a when !a.StartsWith("--", StringComparison.Ordinal) && userName is null: userName = a; break;
                default: rest.Add(args[i]); break;
            }
        }
        if (userName is null)
        {
            await System.Console.Error.WriteLineAsync("usage: create-user <username> [--role admin|caseworker] [--name <display name>]");
            return 2;
        }

        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            if (System.Console.IsInputRedirected)
            {
                await System.Console.Error.WriteLineAsync($"Set {PasswordVariable} or run in a terminal to type the password.");
                return 2;
            }
            password = ReadHidden("Password: ");
            if (ReadHidden("Repeat: ") != password)
            {
                await System.Console.Error.WriteLineAsync("The passwords differ.");
                return 2;
            }
        }

        // The same configuration and database as the web app, but no server.
        var builder = BotHost.CreateBuilder(rest);
        builder.AddBotStorage();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddConsoleAccounts();
        builder.Logging.ClearProviders();
        await using var app = builder.Build();

        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            await db.Database.MigrateSharedAsync();
        }
        var accounts = app.Services.GetRequiredService<AccountService>();
        var (user, error) = await accounts.CreateAsync(userName, displayName ?? userName, password, role, CancellationToken.None);
        if (user is null)
        {
            await System.Console.Error.WriteLineAsync(error);
            return 1;
        }
        await app.Services.GetRequiredService<AuditLog>().WriteAsync(null, "cli", AuditActions.UserCreated, "user:" + user.Id, user.Role, CancellationToken.None);
        System.Console.WriteLine($"Created {user.Role} '{user.UserName}' (id {user.Id}).");
        return 0;
    }

    private static string ReadHidden(string prompt)
    {
        System.Console.Write(prompt);
        var chars = new List<char>();
        while (true)
        {
            var key = System.Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                System.Console.WriteLine();
                return new string([.. chars]);
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                if (chars.Count > 0)
                {
                    chars.RemoveAt(chars.Count - 1);
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                chars.Add(key.KeyChar);
            }
        }
    }
}
