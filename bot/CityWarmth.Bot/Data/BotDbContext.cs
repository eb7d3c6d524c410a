using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.Data;

/// <summary>
/// The bot's one database: SQLite by default, PostgreSQL when configured (see <see cref="StorageOptions"/>).
/// </summary>
public class BotDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ConversationRecord> Conversations => Set<ConversationRecord>();
    public DbSet<TranscriptEntry> Transcript => Set<TranscriptEntry>();
    public DbSet<DirectLineConversation> DirectLineConversations => Set<DirectLineConversation>();
    public DbSet<DirectLineActivity> DirectLineActivities => Set<DirectLineActivity>();
    public DbSet<Jobs.JobPostingRecord> JobPostings => Set<Jobs.JobPostingRecord>();
    public DbSet<Jobs.JobFairRecord> JobFairs => Set<Jobs.JobFairRecord>();
    public DbSet<Jobs.WageOffenderRecord> WageOffenders => Set<Jobs.WageOffenderRecord>();

    public DbSet<Handoff.HandoffCase> Handoffs => Set<Handoff.HandoffCase>();
    public DbSet<Handoff.HandoffNote> HandoffNotes => Set<Handoff.HandoffNote>();
    public DbSet<Accounts.ConsoleUser> ConsoleUsers => Set<Accounts.ConsoleUser>();
    public DbSet<Accounts.AuditEntry> AuditLog => Set<Accounts.AuditEntry>();

    /// <summary>
    /// Every instant is stored in UTC: PostgreSQL's timestamptz accepts nothing else, and SQLite's text dates
    /// then sort correctly. Values keep their meaning; readers convert to China time for display.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcDateTimeOffsetConverter>();
    }

    private sealed class UtcDateTimeOffsetConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
        value => value.ToUniversalTime(), value => value);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Each area keeps its tables' configuration beside its code (IEntityTypeConfiguration classes).
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BotDbContext).Assembly);
        modelBuilder.Entity<ConversationRecord>(e =>
        {
            e.ToTable("conversations");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(256);
            e.Property(x => x.ChannelId).HasMaxLength(64);
            e.Property(x => x.Owner).HasMaxLength(128);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Owner);
        });
        modelBuilder.Entity<TranscriptEntry>(e =>
        {
            e.ToTable("transcript");
            e.HasKey(x => x.Id);
            e.Property(x => x.ConversationId).HasMaxLength(256);
            e.Property(x => x.Direction).HasMaxLength(8);
            e.Property(x => x.Type).HasMaxLength(64);
            e.Property(x => x.Skill).HasMaxLength(32);
        });
        modelBuilder.Entity<DirectLineConversation>(e =>
        {
            e.ToTable("directline_conversations");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.UserId).HasMaxLength(128);
            e.Property(x => x.UserName).HasMaxLength(128);
            e.Property(x => x.Locale).HasMaxLength(32);
            e.Property(x => x.LastSequence).IsConcurrencyToken();
        });
        modelBuilder.Entity<DirectLineActivity>(e =>
        {
            e.ToTable("directline_activities");
            e.HasKey(x => new { x.ConversationId, x.Sequence });
            e.Property(x => x.ConversationId).HasMaxLength(64);
            e.Property(x => x.ActivityId).HasMaxLength(96);
        });
        Jobs.JobsModel.Configure(modelBuilder);
    }
}
