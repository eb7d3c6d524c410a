namespace CityWarmth.Bot.Tests.Infrastructure;

/// <summary>A test of something only a PostgreSQL server has; skipped, with the reason, when the suite runs on SQLite.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestDatabase.PostgresServer is null)
        {
            Skip = "PostgreSQL only: CITYWARMTH_TEST_POSTGRES is not set.";
        }
    }
}
