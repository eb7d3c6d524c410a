using Npgsql;

namespace CityWarmth.Bot.Tests.Infrastructure;

/// <summary>
/// Which database the bot's tests use: SQLite files by default; a PostgreSQL server when
/// CITYWARMTH_TEST_POSTGRES holds a connection string to it (tests/postgres/start.sh prints one).
/// </summary>
public static class TestDatabase
{
    public static string? PostgresServer { get; } =
        Environment.GetEnvironmentVariable("CITYWARMTH_TEST_POSTGRES") is { Length: > 0 } cs ? cs : null;

    /// <summary>Creates the named database if it does not exist and returns a connection string to it.</summary>
    public static string EnsureDatabase(string server, string name)
    {
        var builder = new NpgsqlConnectionStringBuilder(server);
        name = name.ToLowerInvariant();
        using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            connection.Open();
            using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", connection);
            exists.Parameters.AddWithValue("n", name);
            if (exists.ExecuteScalar() is null)
            {
                using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                create.ExecuteNonQuery();
            }
        }
        builder.Database = name;
        return builder.ConnectionString;
    }
}
