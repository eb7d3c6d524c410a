namespace CityWarmth.Bot.Tests.Infrastructure;

/// <summary>A test of something only the SQLite file has; skipped, with the reason, when the suite runs on PostgreSQL.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestDatabase.PostgresServer is not null)
        {
            Skip = "SQLite only: the suite runs on PostgreSQL (CITYWARMTH_TEST_POSTGRES is set).";
        }
    }
}
