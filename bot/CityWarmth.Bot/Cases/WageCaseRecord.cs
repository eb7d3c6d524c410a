using CityWarmth.Skills.WageDispute;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityWarmth.Bot.Cases;

/// <summary>
/// A confirmed wage case as stored: the columns the queue filters and sorts on, and the whole case
/// (answers, deadlines, routes, history) as JSON, so new intake fields need no schema change.
/// </summary>
public sealed class WageCaseRecord
{
    public Guid Id { get; set; }
    public required string CaseNumber { get; set; }

    /// <summary>The China date of submission (yyyyMMdd) and that day's sequence; unique together.</summary>
    public required string Day { get; set; }
    public int Sequence { get; set; }

    public WageCaseStatus Status { get; set; }
    public required string ConversationId { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string CaseJson { get; set; }
}

internal sealed class WageCaseRecordConfiguration : IEntityTypeConfiguration<WageCaseRecord>
{
    public void Configure(EntityTypeBuilder<WageCaseRecord> e)
    {
        e.ToTable("wage_cases");
        e.HasKey(x => x.Id);
        e.Property(x => x.CaseNumber).HasMaxLength(20);
        e.HasIndex(x => x.CaseNumber).IsUnique();
        e.Property(x => x.Day).HasMaxLength(8);
        e.HasIndex(x => new { x.Day, x.Sequence }).IsUnique();
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.HasIndex(x => x.Status);
        e.Property(x => x.ConversationId).HasMaxLength(256);
        e.HasIndex(x => x.ConversationId);
    }
}
