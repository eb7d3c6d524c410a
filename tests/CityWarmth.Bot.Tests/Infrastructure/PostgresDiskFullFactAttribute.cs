namespace CityWarmth.Bot.Tests.Infrastructure;

/// <summary>A test that stages a full disk under PostgreSQL (<see cref="PostgresDiskFull"/>); skipped where it cannot.</summary>
public sealed class PostgresDiskFullFactAttribute : FactAttribute
{
    public PostgresDiskFullFactAttribute()
    {
        Skip = PostgresDiskFull.SkipReason;
    }
}
