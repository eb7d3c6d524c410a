using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CityWarmth.Bot.Data;

// One context type per provider, each owning its migrations (Data/Migrations/Sqlite, Data/Migrations/Postgres),
// as the EF Core guide "Migrations with multiple providers" describes. The app only ever sees BotDbContext.

public sealed class SqliteBotDbContext(DbContextOptions<SqliteBotDbContext> options) : BotDbContext(options);

public sealed class PostgresBotDbContext(DbContextOptions<PostgresBotDbContext> options) : BotDbContext(options);

/// <summary>Hands out the provider's context as the common <see cref="BotDbContext"/>.</summary>
internal sealed class ProviderDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<BotDbContext>
    where TContext : BotDbContext
{
    public BotDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<BotDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}

/// <summary>Lets `dotnet ef migrations add X --context SqliteBotDbContext` build the model without starting the app.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteBotDbContext>
{
    public SqliteBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteBotDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresBotDbContext>
{
    public PostgresBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresBotDbContext>().UseNpgsql("Host=localhost;Database=citywarmth_design").Options);
}
