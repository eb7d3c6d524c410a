namespace CityWarmth.Skills.Routing;

/// <summary>What puts a worker in danger, by the cue that names it.</summary>
public enum DangerKind
{
    Violence,
    Detention,
    IdTaken,
    Threat,
    Emergency,
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
            ? DangerKind.Emergency
            : null;
    }

    /// <summary>The danger named by one of the strong cues (<see cref="MessageCues.Find"/>), or null.</summary>
    public static DangerKind? Detect(IReadOnlySet<string> cues)
    {
        if (cues.Contains(MessageCues.JobSeeking))
        {
            return null;
        }
        foreach (var (cue, kind) in Strong)
        {
            if (cues.Contains(cue))
            {
                return kind;
            }
        }
        return null;
    }
}
