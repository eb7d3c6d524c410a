namespace CityWarmth.Skills.Routing;

/// <summary>How sure the classifier must be before the router acts on it.</summary>
public static class RoutingThresholds
{
    /// <summary>Below this probability, or with two intents closer than <see cref="MinMargin"/>, the router asks.</summary>
    public const double MinConfidence = 0.45;

    public const double MinMargin = 0.15;

    /// <summary>An open intake gives up a message only when another intent is this clear.</summary>
    public const double InterruptConfidence = 0.7;

    public const double InterruptMargin = 0.45;

    public static bool IsConfident(IntentPrediction p) =>
        p.KnownFeatures > 0 && p.Confidence >= MinConfidence && p.Margin >= MinMargin;

    public static bool IsClear(IntentPrediction p) =>
        p.KnownFeatures > 0 && p.Confidence >= InterruptConfidence && p.Margin >= InterruptMargin;
}
