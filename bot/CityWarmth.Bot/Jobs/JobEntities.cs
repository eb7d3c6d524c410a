using CityWarmth.Skills.Jobs;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.Jobs;

/// <summary>A job posting row.</summary>
public sealed class JobPostingRecord
{
    public required string Id { get; set; }
    public required string Source { get; set; }

    /// <summary>The posting's id at its source; (Source, SourceId) is unique, so imports and feeds update in place.</summary>
    public string? SourceId { get; set; }

    public required string Title { get; set; }
    public required string Trade { get; set; }
    public required string Employer { get; set; }
    public string? EmployerCreditCode { get; set; }
    public required string District { get; set; }
    public string City { get; set; } = "";
    public string? Address { get; set; }
    public decimal? PayMin { get; set; }
    public decimal? PayMax { get; set; }
    public PayUnit PayUnit { get; set; }
    public string? Hours { get; set; }
    public bool HousingProvided { get; set; }
    public bool MealsProvided { get; set; }
    public int? AgeMin { get; set; }
    public int? AgeMax { get; set; }
    public bool PartTime { get; set; }
    public required string ContactPhone { get; set; }
    public string? Description { get; set; }
    public DateOnly PostedOn { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public bool IsSample { get; set; }
    public DateTimeOffset ImportedAt { get; set; }

    public JobPosting ToPosting() => new()
    {
        Id = Id,
        SourceId = SourceId,
        Title = Title,
        Trade = Trade,
        Employer = Employer,
        EmployerCreditCode = EmployerCreditCode,
        District = District,
        City = City,
        Address = Address,
        PayMin = PayMin,
        PayMax = PayMax,
        PayUnit = PayUnit,
        Hours = Hours,
        HousingProvided = HousingProvided,
        MealsProvided = MealsProvided,
        AgeMin = AgeMin,
        AgeMax = AgeMax,
        PartTime = PartTime,
        ContactPhone = ContactPhone,
        Description = Description,
        PostedOn = PostedOn,
        ExpiresOn = ExpiresOn,
        Source = Source,
        IsSample = IsSample,
    };

    /// <summary>Copies everything but the ids from <paramref name="p"/>.</summary>
    public void CopyFrom(JobPosting p, DateTimeOffset now)
    {
        Title = p.Title;
        Trade = p.Trade;
        Employer = p.Employer;
        EmployerCreditCode = p.EmployerCreditCode;
        District = p.District;
        City = p.City;
        Address = p.Address;
        PayMin = p.PayMin;
        PayMax = p.PayMax;
        PayUnit = p.PayUnit;
        Hours = p.Hours;
        HousingProvided = p.HousingProvided;
        MealsProvided = p.MealsProvided;
        AgeMin = p.AgeMin;
        AgeMax = p.AgeMax;
        PartTime = p.PartTime;
        ContactPhone = p.ContactPhone;
        Description = p.Description;
        PostedOn = p.PostedOn;
        ExpiresOn = p.ExpiresOn;
        IsSample = p.IsSample;
        ImportedAt = now;
    }
}

/// <summary>A job fair or live-streamed recruitment row.</summary>
public sealed class JobFairRecord
{
    public required string Id { get; set; }
    public required string Title { get; set; }
    public required string Kind { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    public string? Place { get; set; }
    public string? OnlineUrl { get; set; }
    public required string Organiser { get; set; }

    /// <summary>Comma-separated; a handful of names, never queried on their own.</summary>
    public string Districts { get; set; } = "";
    public string Trades { get; set; } = "";
    public required string Source { get; set; }
    public bool IsSample { get; set; }

    public JobFair ToFair() => new()
    {
        Id = Id,
        Title = Title,
        Kind = Kind,
        StartsAt = StartsAt,
        EndsAt = EndsAt,
        Place = Place,
        OnlineUrl = OnlineUrl,
        Organiser = Organiser,
        Districts = Split(Districts),
        Trades = Split(Trades),
        Source = Source,
        IsSample = IsSample,
    };

    public static JobFairRecord From(JobFair f) => new()
    {
        Id = f.Id,
        Title = f.Title,
        Kind = f.Kind,
        StartsAt = f.StartsAt,
        EndsAt = f.EndsAt,
        Place = f.Place,
        OnlineUrl = f.OnlineUrl,
        Organiser = f.Organiser,
        Districts = string.Join(',', f.Districts),
        Trades = string.Join(',', f.Trades),
        Source = f.Source,
        IsSample = f.IsSample,
    };

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>An employer on the 拖欠农民工工资失信联合惩戒名单.</summary>
public sealed class WageOffenderRecord
{
    public long Id { get; set; }
    public required string EmployerName { get; set; }
    public string? CreditCode { get; set; }
    public DateOnly ListedOn { get; set; }
    public required string Source { get; set; }

    public WageOffender ToOffender() => new() { EmployerName = EmployerName, CreditCode = CreditCode, ListedOn = ListedOn, Source = Source };
}

/// <summary>The jobs tables, configured from <see cref="Data.BotDbContext"/>.</summary>
internal static class JobsModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<JobPostingRecord>(e =>
        {
            e.ToTable("job_postings");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Source).HasMaxLength(64);
            e.Property(x => x.SourceId).HasMaxLength(128);
            e.Property(x => x.Title).HasMaxLength(100);
            e.Property(x => x.Trade).HasMaxLength(32);
            e.Property(x => x.Employer).HasMaxLength(100);
            e.Property(x => x.EmployerCreditCode).HasMaxLength(18);
            e.Property(x => x.District).HasMaxLength(32);
            e.Property(x => x.City).HasMaxLength(32);
            e.Property(x => x.Address).HasMaxLength(200);
            e.Property(x => x.PayUnit).HasConversion<string>().HasMaxLength(8);
            e.Property(x => x.Hours).HasMaxLength(100);
            e.Property(x => x.ContactPhone).HasMaxLength(32);
            e.Property(x => x.Description).HasMaxLength(1000);
            e.HasIndex(x => new { x.Source, x.SourceId }).IsUnique();
            e.HasIndex(x => x.ExpiresOn);
        });
        modelBuilder.Entity<JobFairRecord>(e =>
        {
            e.ToTable("job_fairs");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Place).HasMaxLength(200);
            e.Property(x => x.OnlineUrl).HasMaxLength(500);
            e.Property(x => x.Organiser).HasMaxLength(200);
            e.Property(x => x.Districts).HasMaxLength(500);
            e.Property(x => x.Trades).HasMaxLength(500);
            e.Property(x => x.Source).HasMaxLength(64);
        });
        modelBuilder.Entity<WageOffenderRecord>(e =>
        {
            e.ToTable("wage_offenders");
            e.HasKey(x => x.Id);
            e.Property(x => x.EmployerName).HasMaxLength(200);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.Source).HasMaxLength(200);
        });
    }
}
