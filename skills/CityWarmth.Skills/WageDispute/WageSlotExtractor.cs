using System.Text.RegularExpressions;

namespace CityWarmth.Skills.WageDispute;

/// <summary>Fields found in one message; null where the message says nothing.</summary>
public sealed record WageSlots
{
    public EmployerInfo? Employer { get; init; }
    public string? Workplace { get; init; }
    public string? District { get; init; }
    public string? Trade { get; init; }
    public bool? IsConstruction { get; init; }
    public ParsedAmount? Amount { get; init; }
    public WagePeriod? Period { get; init; }
    public JobStatus? Job { get; init; }
    public WorkerCount? Workers { get; init; }
    public IReadOnlyList<EvidenceKind> Evidence { get; init; } = [];
    public string? Phone { get; init; }
    public bool EmployerAbsconded { get; init; }

    public bool IsEmpty => Employer is null && Workplace is null && District is null && Trade is null && IsConstruction is null
        && Amount is null && Period is null && Job is null && Workers is null && Evidence.Count == 0 && Phone is null;

    /// <summary>This message's slots, completed by <paramref name="other"/> where this one is empty.</summary>
    public WageSlots Or(WageSlots? other) => other is null ? this : new WageSlots
    {
        Employer = Employer ?? other.Employer,
        Workplace = Workplace ?? other.Workplace,
        District = District ?? other.District,
        Trade = Trade ?? other.Trade,
        IsConstruction = IsConstruction ?? other.IsConstruction,
        Amount = Amount ?? other.Amount,
        Period = Period ?? other.Period,
        Job = Job ?? other.Job,
        Workers = Workers ?? other.Workers,
        Evidence = [.. Evidence.Union(other.Evidence)],
        Phone = Phone ?? other.Phone,
        EmployerAbsconded = EmployerAbsconded || other.EmployerAbsconded,
    };
}

/// <summary>
/// Fills as many intake fields as a rich first message allows, e.g. "东湖区工地的包工头张三欠我三个月工钱一万二"
/// gives employer, district, workplace, construction, period and amount at once.
/// </summary>
public static partial class WageSlotExtractor
{
    public static WageSlots Extract(string? message, DateOnly today)
    {
        var text = WageText.Normalize(message);
        if (text.Length == 0)
        {
            return new WageSlots();
        }

        var workers = WorkerCountParser.Find(text);
        return new WageSlots
        {
            Employer = EmployerParser.Find(text),
            Workplace = WorkplaceParser.FindWorkplace(text),
            District = WorkplaceParser.FindDistrict(text),
            Trade = WorkplaceParser.FindTrade(text),
            IsConstruction = WorkplaceParser.FindConstruction(text),
            Amount = AmountParser.Find(text),
            Period = PeriodParser.Parse(text, today),
            Job = JobStatusParser.Parse(text, today),
            Workers = workers,
            // "我们十几个工友" counts workers; it is not a witness statement.
            Evidence = [.. (EvidenceParser.Parse(text)?.Items ?? []).Where(e => workers is null || e != EvidenceKind.Witnesses)],
            Phone = PhoneParser.Find(text),
            EmployerAbsconded = Absconded().IsMatch(text),
        };
    }

    [GeneratedRegex(@"跑路|跑了|失联|联系不上|找不到人|电话不接|拉黑")]
    private static partial Regex Absconded();
}
