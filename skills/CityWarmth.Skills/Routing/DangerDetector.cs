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

    /// <summary>The danger the message names, from its cues (<see cref="MessageCues.Find"/>), or null.</summary>
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
