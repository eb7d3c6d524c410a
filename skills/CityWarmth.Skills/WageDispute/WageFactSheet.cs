namespace CityWarmth.Skills.WageDispute;

/// <summary>One fact as a person reads it: its Chinese label and its value ("欠薪金额", "约12000元").</summary>
public sealed record WageFactLine(string Label, string Value);

/// <summary>An intake or a filed case laid out for a caseworker: how far the worker got and the facts given.</summary>
/// <param name="Progress">How far an unfinished intake got ("已回答 6 项，正在问：金额"); null for a filed case.</param>
public sealed record WageFactSummary(string Title, string? Progress, IReadOnlyList<WageFactLine> Lines);

/// <summary>
/// The facts of an intake or case as the worker's summary card shows them: each question of
/// <see cref="WageIntakeSteps"/> gives its label and how its fact is shown (amounts in yuan, dates written out), so the
/// console, the handoff packet and the card read alike. Internal flags, counters and raw values never appear.
/// </summary>
public static class WageFactSheet
{
    /// <summary>The labelled facts, in the order asked; a fact not given shows its step's placeholder or is left out.</summary>
    public static IReadOnlyList<WageFactLine> Lines(WageFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return [.. WageIntakeSteps.All.Where(s => s.Label is not null)
            .Select(s => (s.Label, Value: s.Display(facts) ?? s.Unset))
            .Where(line => line.Value is not null)
            .Select(line => new WageFactLine(line.Label!, line.Value!))];
    }

    /// <summary>An intake still open: the facts so far and the question it waits on.</summary>
    public static WageFactSummary Of(WageIntakeState intake)
    {
        ArgumentNullException.ThrowIfNull(intake);
        return new WageFactSummary("欠薪登记（未提交）", Progress(intake), Lines(intake));
    }

    /// <summary>A filed case's facts.</summary>
    public static WageFactSummary Of(WageCase filed)
    {
        ArgumentNullException.ThrowIfNull(filed);
        return new WageFactSummary($"欠薪登记 {filed.CaseNumber}", null, Lines(filed));
    }

    /// <summary>How far the worker got: the questions answered, the one pending, those skipped.</summary>
    public static string Progress(WageIntakeState intake)
    {
        ArgumentNullException.ThrowIfNull(intake);
        var labelled = WageIntakeSteps.All.Where(s => s.Label is not null).ToList();
        var answered = labelled.Count(s => s.Display(intake) is not null);
        var text = intake.Step == WageIntakeStep.Summary
            ? $"已回答全部问题（{answered}/{labelled.Count} 项有内容），等工友确认提交"
            : $"已回答 {answered}/{labelled.Count} 项，正在问：{WageIntakeSteps.For(intake.Step).Name}";
        var skipped = intake.Skipped.Select(id => WageIntakeSteps.For(id).Name).ToList();
        return skipped.Count == 0 ? text : $"{text}；跳过了：{string.Join("、", skipped)}";
    }
}
