namespace CityWarmth.Skills.WageDispute;

/// <summary>
/// A case laid out as a 劳动保障监察 complaint (投诉书): complainant, respondent, facts and request, evidence, and the
/// routes with this worker's deadlines. The host prints it as a page; the values are the worker's own, as given.
/// </summary>
/// <param name="SubmittedOn">The day the case was registered (China time), written out; null before it is.</param>
/// <param name="Complainant">The worker: name, phone, trade, how many were owed with them.</param>
/// <param name="Respondent">Who owes: name, kind, workplace, district and, on construction projects, the general contractor.</param>
/// <param name="Amount">How much is owed, written out; null when not said.</param>
/// <param name="Routes">The open routes with how to file and, where one applies, the date to file by.</param>
/// <param name="DeadlineNotes">Why the arbitration and inspection deadlines are what they are.</param>
/// <param name="LiabilityNotes">Who must pay on construction projects; empty elsewhere.</param>
public sealed record ComplaintSheet(
    string CaseNumber,
    string? SubmittedOn,
    IReadOnlyList<ComplaintSheetField> Complainant,
    IReadOnlyList<ComplaintSheetField> Respondent,
    string Facts,
    string? Amount,
    IReadOnlyList<string> Evidence,
    IReadOnlyList<string> Routes,
    IReadOnlyList<string> DeadlineNotes,
    IReadOnlyList<string> LiabilityNotes)
{
    public static ComplaintSheet From(WageCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        List<ComplaintSheetField> respondent =
        [
            new("名称/姓名", c.EmployerName),
            new("类型", c.EmployerKind is { } k ? EmployerParser.Label(k) : null),
            new("用工地点", c.Workplace),
            new("所在区县", c.District),
        ];
        if (c.IsConstruction)
        {
            respondent.Add(new("工程总包/项目", c.GeneralContractor));
        }

        return new ComplaintSheet(
            c.CaseNumber,
            c.SubmittedAt is { } at ? DeadlineCalculator.Format(WageCaseNumber.ChinaDate(at)) : null,
            [
                new("姓名", c.WorkerName),
                new("联系电话", c.Phone),
                new("工种", c.Trade),
                new("同被拖欠人数", c.WorkerCount is { } n ? new WorkerCount(n, c.WorkerCountApproximate).Display : null),
            ],
            respondent,
            FactsOf(c),
            c.AmountDisplay,
            [.. c.Evidence.Select(EvidenceParser.Label)],
            [.. c.Routes.Where(r => r.Open).Select(r =>
                r.Name + "：" + r.HowToFile + (r.Deadline is { } d ? $"（请在{DeadlineCalculator.Format(d)}前办理）" : string.Empty))],
            [.. new[] { c.ArbitrationDeadline?.Explanation, c.InspectionDeadline?.Explanation }.OfType<string>()],
            [.. c.LiabilityNotes]);
    }

    /// <summary>The facts paragraph: who, where, when, how much, and the employment situation.</summary>
    internal static string FactsOf(WageCase c)
    {
        var parts = new List<string>();
        var place = c.Workplace ?? c.District;
        parts.Add($"投诉人{(place is null ? string.Empty : $"在{place}")}为{(c.EmployerDisplay is { Length: > 0 } e ? e : "被投诉人")}干活{(c.Trade is null ? string.Empty : $"（{c.Trade}）")}");
        if (c.Period is { } p)
        {
            parts.Add($"{p.Display}的工资未发");
        }
        if (c.AmountDisplay is { } a)
        {
            parts.Add($"共拖欠{a}");
        }
        parts.Add(c.JobEnded switch
        {
            true => c.JobEndedOn is { } d ? $"投诉人已于{DeadlineCalculator.Format(d)}前后离开" : "投诉人已离开",
            false => "投诉人目前仍在该处工作",
            _ => "用工是否结束未说明",
        });
        if (c.IsConstruction)
        {
            parts.Add("该工作属于工程建设项目");
        }
        if (c.EmployerAbsconded)
        {
            parts.Add("被投诉人现已难以联系");
        }
        return string.Join("，", parts) + "。";
    }
}

/// <summary>One labelled line of the sheet; an empty value is printed as not filled in.</summary>
public sealed record ComplaintSheetField(string Label, string? Value);
