using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityWarmth.Bot.Handoff;

internal sealed class HandoffCaseConfiguration : IEntityTypeConfiguration<HandoffCase>
{
    public void Configure(EntityTypeBuilder<HandoffCase> e)
    {
        e.ToTable("handoffs");
        e.HasKey(x => x.Id);
        e.Property(x => x.ConversationId).HasMaxLength(256);
        e.Property(x => x.ChannelId).HasMaxLength(64);
        e.Property(x => x.Status).HasMaxLength(16);
        e.Property(x => x.Reason).HasMaxLength(32);
        e.Property(x => x.Category).HasMaxLength(32);
        e.Property(x => x.Summary).HasMaxLength(500);
        e.Property(x => x.AssignedName).HasMaxLength(100);
        e.Property(x => x.Outcome).HasMaxLength(32);
        e.Property(x => x.OutcomeNote).HasMaxLength(2000);
        e.Property(x => x.ClosedBy).HasMaxLength(100);
        e.HasIndex(x => new { x.ConversationId, x.Status });
        e.HasIndex(x => x.Status);
    }
}

internal sealed class HandoffNoteConfiguration : IEntityTypeConfiguration<HandoffNote>
{
    public void Configure(EntityTypeBuilder<HandoffNote> e)
    {
        e.ToTable("handoff_notes");
        e.HasKey(x => x.Id);
        e.Property(x => x.AuthorName).HasMaxLength(100);
        e.Property(x => x.Text).HasMaxLength(4000);
        e.HasIndex(x => x.HandoffId);
    }
}
