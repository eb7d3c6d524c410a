using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityWarmth.Bot.Accounts;

internal sealed class ConsoleUserConfiguration : IEntityTypeConfiguration<ConsoleUser>
{
    public void Configure(EntityTypeBuilder<ConsoleUser> e)
    {
        e.ToTable("console_users");
        e.HasKey(x => x.Id);
        e.Property(x => x.UserName).HasMaxLength(64);
        e.Property(x => x.DisplayName).HasMaxLength(64);
        e.Property(x => x.PasswordHash).HasMaxLength(512);
        e.Property(x => x.Role).HasMaxLength(16);
        e.Property(x => x.SecurityStamp).HasMaxLength(64);
        e.HasIndex(x => x.UserName).IsUnique();
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("audit_log");
        e.HasKey(x => x.Id);
        e.Property(x => x.UserName).HasMaxLength(64);
        e.Property(x => x.Action).HasMaxLength(32);
        e.Property(x => x.Target).HasMaxLength(128);
        e.Property(x => x.Detail).HasMaxLength(500);
        e.HasIndex(x => x.Target);
    }
}
