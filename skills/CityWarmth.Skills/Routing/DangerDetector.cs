namespace CityWarmth.Skills.Routing;

/// <summary>What puts a worker in danger, by the cue that names it.</summary>
public enum DangerKind
{
    Violence,
    Detention,
    IdTaken,
    Threat,
    Emergency,

    /// <summary>Without food, money or a way home.</summary>
    Destitution,
}

/// <summary>
/// Danger to body or freedom (violence, an injury that needs a hospital, being locked in or detained, papers taken,
/// threats) sends the message to a person at once, ahead of the classifier and of an open intake, even when wages are
/// owed too. A rule rather than a model because missing one is not acceptable; the cues are in Data/routing/cues.txt.
/// A message that is plainly a job search ("想在医院当护工") is not danger.
/// </summary>
public static class DangerDetector
{
    private static readonly (string Cue, DangerKind Kind)[] Strong =
    [
        ("danger.violence", DangerKind.Violence),
        ("danger.threat", DangerKind.Threat),
        ("danger.detention", DangerKind.Detention),
        ("danger.idTaken", DangerKind.IdTaken),
        ("danger.emergency", DangerKind.Emergency),
        ("danger.destitute", DangerKind.Destitution),
    ];

    /// <summary>
    /// The danger a message names: one of the strong cues, or any danger cue (an injury too) in a message the classifier
    /// clearly reads as a call for a person ("工友伤得很重 快找人"). Null when there is none.
    /// </summary>
    public static DangerKind? Detect(IntentPrediction prediction)
    {
        if (Detect(prediction.Cues) is { } kind)
        {
            return kind;
        }
        return prediction.Intent == Intents.Handoff && RoutingThresholds.IsConfident(prediction)
            && prediction.Cues.Any(c => c.StartsWith("danger.", StringComparison.Ordinal)) && !prediction.Cues.Contains(MessageCues.JobSeeking)
            && !IsAboutAPastInjury(prediction.Cues)
            ? DangerKind.Emergency
            : null;
    }

    // "去年在工地摔断过手 现在还能补报工伤吗" asks about an injury that is over: a question for the knowledge base. An
    // injury happening now, or one left untreated, still reaches a person.
    private static bool IsAboutAPastInjury(IReadOnlySet<string> cues) =>
        cues.Contains("time.past") && cues.Contains(MessageCues.Question) && !cues.Contains("time.now");

    /// <summary>The danger named by one of the strong cues (<see cref="MessageCues.Find"/>), or null.</summary>
    public static DangerKind? Detect(IReadOnlySet<string> cues)
    {
        if (cues.Contains(MessageCues.JobSeeking))
        {
            return null;
        }
        foreach (var (cue, kind) in Strong)
        {
            if (cues.Contains(cue) && !(kind == DangerKind.Emergency && IsAboutAPastInjury(cues)))
            {
                return kind;
            }
        }
        return null;
    }
}
