using System.Xml.Linq;
using CityWarmth.Bot.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityWarmth.Bot.Cluster;

/// <summary>An ASP.NET Core data-protection key (XML), kept in the bot's database.</summary>
public sealed class DataProtectionKeyRecord
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKeyRecord>
{
    public void Configure(EntityTypeBuilder<DataProtectionKeyRecord> e)
    {
        e.ToTable("data_protection_keys");
        e.HasKey(x => x.Id);
        e.Property(x => x.FriendlyName).HasMaxLength(128);
    }
}

/// <summary>
/// Keeps the data-protection key ring (what signs and encrypts the console's cookies and antiforgery tokens) in the
/// bot's database, so every instance reads the same keys: a caseworker signed in through one instance stays signed
/// in whichever instance the balancer picks next, and a restart signs nobody out.
/// </summary>
internal sealed class DatabaseKeyRepository(IDbContextFactory<BotDbContext> dbFactory) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = dbFactory.CreateDbContext();
        return [.. db.Set<DataProtectionKeyRecord>().AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).AsEnumerable().Select(XElement.Parse)];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = dbFactory.CreateDbContext();
        db.Add(new DataProtectionKeyRecord { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}

public static class DataProtectionServiceCollectionExtensions
{
    /// <summary>One key ring for every instance, in the database, under one application name.</summary>
    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services)
    {
        // The name isolates the ring; without it ASP.NET Core uses the content root, which differs between hosts.
        services.AddDataProtection().SetApplicationName("CityWarmth.Bot");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IDbContextFactory<BotDbContext>>((options, dbFactory) => options.XmlRepository = new DatabaseKeyRepository(dbFactory));
        return services;
    }
}
