using Process = System.Diagnostics.Process;
using ProcessStartInfo = System.Diagnostics.ProcessStartInfo;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CityWarmth.Bot.Tests.Handoff;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.BotFramework.Schema;
using Npgsql;

namespace CityWarmth.Bot.Tests.Cluster;

/// <summary>A test of several bot processes on one PostgreSQL database; skipped, with the reason, without one.</summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute(bool needsNginx = false)
    {
        if (TestDatabase.PostgresServer is null)
        {
            Skip = "PostgreSQL only: CITYWARMTH_TEST_POSTGRES is not set.";
        }
        else if (!File.Exists(BotProcess.BotDll))
        {
            Skip = $"The bot is not built at {BotProcess.BotDll}.";
        }
        else if (needsNginx && NginxProxy.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>Settings every instance shares, a database of its own for each test, and the calls the tests make.</summary>
public sealed partial class ClusterKit
{
    public const string DirectLineSecret = "cluster-test-directline-secret-0123456789";
    public const string Password = "correct-horse-42";

    public ClusterKit()
    {
        ConnectionString = TestDatabase.EnsureDatabase(TestDatabase.PostgresServer!, "cw_cluster_" + Guid.NewGuid().ToString("N")[..16]);
    }

    public string ConnectionString { get; }

    /// <summary>What a deployment sets alike on every instance (docs/deployment.md), and a data folder per instance.</summary>
    public Dictionary<string, string> Settings(int instance)
    {
        var settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:CityWarmth"] = ConnectionString,
            ["Storage:DataPath"] = Path.Combine(Path.GetTempPath(), "citywarmth-cluster", Guid.NewGuid().ToString("N"), $"instance-{instance}"),
            ["DirectLine:TokenSigningKey"] = "cluster-test-token-signing-key-0123456789abcdef",
            ["DirectLine:Secret"] = DirectLineSecret,
            // The load comes from one address (the test, or nginx): per-address limits would refuse it.
            ["RateLimits:PerIp:PermitLimit"] = "100000",
            ["RateLimits:PerWorker:PermitLimit"] = "100000",
        };
        foreach (var (key, value) in HandoffTestKit.AlwaysOpen())
        {
            settings[key] = value!;
        }
        return settings;
    }

    /// <param name="extra">Settings beyond the shared ones, alike on every instance (channel authentication).</param>
    public async Task<BotProcess[]> StartAsync(int count, IReadOnlyDictionary<string, string?>? extra = null) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
        {
            var settings = Settings(i);
            foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            {
                if (value is not null)
                {
                    settings[key] = value;
                }
            }
            return BotProcess.StartAsync(settings, $"bot{i}");
        }));

    /// <summary>Posts with expectReplies; null when the call failed (an instance gone, a 5xx), as a channel sees it.</summary>
    public static async Task<IReadOnlyList<Activity>?> TryAskAsync(HttpClient client, Activity activity)
    {
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        try
        {
            using var response = await client.PostAsJsonAsync("/api/messages", activity, ProtocolJson.Options);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }
            return (await response.Content.ReadFromJsonAsync<ExpectedReplies>(ProtocolJson.Options))!.Activities;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    public static async Task<IReadOnlyList<Activity>> AskAsync(HttpClient client, Activity activity) =>
        await TryAskAsync(client, activity) ?? throw new Xunit.Sdk.XunitException($"'{activity.Text}' in {activity.Conversation?.Id} was not answered.");

    /// <summary>The ids of the inbound activities stored in a conversation's transcript, oldest first.</summary>
    public async Task<List<string>> StoredInboundIdsAsync(string conversationId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "ActivityJson" FROM transcript WHERE "ConversationId" = @c AND "Direction" = 'in' ORDER BY "Id" """, connection);
        command.Parameters.AddWithValue("c", conversationId);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            using var json = JsonDocument.Parse(reader.GetString(0));
            if (json.RootElement.GetProperty("type").GetString() == ActivityTypes.Message)
            {
                ids.Add(json.RootElement.GetProperty("id").GetString()!);
            }
        }
        return ids;
    }

    /// <summary>Creates a console account with the bot's own create-user command, as an operator would.</summary>
    public async Task CreateCaseworkerAsync(string userName, string displayName)
    {
        var start = new ProcessStartInfo("dotnet", [BotProcess.BotDll, "create-user", userName, "--role", "caseworker", "--name", displayName])
        {
            WorkingDirectory = BotProcess.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in Settings(99))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        start.Environment["CITYWARMTH_PASSWORD"] = Password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"create-user failed: {await output}{await error}");
    }

    public static string Text(IEnumerable<Activity> replies) => string.Join("\n", replies.Select(r => r.Text));

    [GeneratedRegex(@"QX-\d{8}-\d{4}")]
    public static partial Regex CaseNumber();
}

/// <summary>The cluster tests start several bot processes each: they run alone, after the rest of the suite.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "Cluster";
}
