using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityWarmth.Bot.KnowledgeBase;

internal sealed class KbVersionConfiguration : IEntityTypeConfiguration<KbVersion>
{
    public void Configure(EntityTypeBuilder<KbVersion> e)
    {
        e.ToTable("kb_versions");
        e.HasKey(x => x.Number);
        e.Property(x => x.Number).ValueGeneratedNever();
        e.Property(x => x.Status).HasMaxLength(16);
        e.Property(x => x.CreatedBy).HasMaxLength(64);
        e.Property(x => x.PublishedBy).HasMaxLength(64);
        e.Property(x => x.ContentHash).HasMaxLength(64);
    }
}

internal sealed class KbPublicationConfiguration : IEntityTypeConfiguration<KbPublication>
{
    public void Configure(EntityTypeBuilder<KbPublication> e)
    {
        e.ToTable("kb_publications");
        e.HasKey(x => x.Id);
        e.Property(x => x.Action).HasMaxLength(16);
        e.Property(x => x.By).HasMaxLength(64);
    }
}

internal sealed class KbDocumentConfiguration : IEntityTypeConfiguration<KbDocument>
{
    public void Configure(EntityTypeBuilder<KbDocument> e)
    {
        e.ToTable("kb_documents");
        e.HasKey(x => x.Id);
        e.Property(x => x.DocumentId).HasMaxLength(64);
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Issuer).HasMaxLength(300);
        e.Property(x => x.DocumentNumber).HasMaxLength(100);
        e.Property(x => x.Region).HasMaxLength(100);
        e.Property(x => x.FileName).HasMaxLength(260);
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.Property(x => x.FileSha256).HasMaxLength(64);
        e.Property(x => x.UploadedBy).HasMaxLength(64);
        e.HasIndex(x => new { x.VersionNumber, x.DocumentId }).IsUnique();
    }
}

internal sealed class KbFileConfiguration : IEntityTypeConfiguration<KbFile>
{
    public void Configure(EntityTypeBuilder<KbFile> e)
    {
        e.ToTable("kb_files");
        e.HasKey(x => x.Sha256);
        e.Property(x => x.Sha256).HasMaxLength(64);
    }
}

internal sealed class KbSynonymConfiguration : IEntityTypeConfiguration<KbSynonym>
{
    public void Configure(EntityTypeBuilder<KbSynonym> e)
    {
        e.ToTable("kb_synonyms");
        e.HasKey(x => x.Id);
        e.Property(x => x.Forms).HasMaxLength(500);
        e.Property(x => x.Terms).HasMaxLength(500);
        e.HasIndex(x => x.VersionNumber);
    }
}

internal sealed class KbAlternateQuestionConfiguration : IEntityTypeConfiguration<KbAlternateQuestion>
{
    public void Configure(EntityTypeBuilder<KbAlternateQuestion> e)
    {
        e.ToTable("kb_alternate_questions");
        e.HasKey(x => x.Id);
        e.Property(x => x.PassageId).HasMaxLength(80);
        e.Property(x => x.Question).HasMaxLength(200);
        e.HasIndex(x => x.VersionNumber);
    }
}

internal sealed class KbRegressionQuestionConfiguration : IEntityTypeConfiguration<KbRegressionQuestion>
{
    public void Configure(EntityTypeBuilder<KbRegressionQuestion> e)
    {
        e.ToTable("kb_regression_questions");
        e.HasKey(x => x.Id);
        e.Property(x => x.Question).HasMaxLength(200);
        e.Property(x => x.Gold).HasMaxLength(500);
    }
}

internal sealed class KbUnansweredQuestionConfiguration : IEntityTypeConfiguration<KbUnansweredQuestion>
{
    public void Configure(EntityTypeBuilder<KbUnansweredQuestion> e)
    {
        e.ToTable("kb_unanswered_questions");
        e.HasKey(x => x.Id);
        e.Property(x => x.Text).HasMaxLength(200);
        e.Property(x => x.Reason).HasMaxLength(16);
        e.Property(x => x.Passages).HasMaxLength(500);
        e.Property(x => x.Comment).HasMaxLength(200);
        e.HasIndex(x => new { x.Resolved, x.At });
    }
}
