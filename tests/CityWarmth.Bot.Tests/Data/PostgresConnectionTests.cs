using CityWarmth.Bot.Tests.Infrastructure;
using Npgsql;

namespace CityWarmth.Bot.Tests.Data;

public sealed class PostgresConnectionTests
{
    /// <summary>
    /// A server has a fixed number of connection slots, shared by every instance of the bot. An instance that stops
    /// (a redeploy, a scale-down) must give its slots back, not leave idle connections open until the process exits.
    /// </summary>
    [PostgresFact]
    public async Task StoppingTheBotClosesItsConnectionsToTheServer()
    {
        var app = new BotApp();
        try
        {
            using (var client = app.CreateHttpClient())
            {
                await app.AskAsync(client, TestActivities.Message("你好", "conv-slots"));
            }
            var database = new NpgsqlConnectionStringBuilder(app.PostgresConnectionString).Database!;
            Assert.True(await ConnectionsToAsync(database) > 0, "The running bot should hold a connection to its database.");

            app.Dispose();

            // The server ends a backend a moment after its client hangs up.
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (await ConnectionsToAsync(database) > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
            Assert.Equal(0, await ConnectionsToAsync(database));
        }
        finally
        {
            app.Dispose();
            app.DeleteData();
        }
    }

    private static async Task<long> ConnectionsToAsync(string database)
    {
        var server = new NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer) { Pooling = false };
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @d", connection);
        count.Parameters.AddWithValue("d", database);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
