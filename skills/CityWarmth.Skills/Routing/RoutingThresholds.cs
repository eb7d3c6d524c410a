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

    /// <summary>
    /// A knowledge-base match overrules an unsure classifier, or small talk, only when the classifier finds a policy
    /// question at least this plausible: "帮我点个外卖" matches the notice's 外卖配送员 but asks nothing about it.
    /// Chosen on out-of-fold predictions over the training examples.
    /// </summary>
    public const double PlausiblePolicy = 0.05;

    /// <summary>
    /// An unsure message whose likeliest intent is the menu (a greeting, thanks, "取消" with nothing open) at least this
    /// likely gets the menu rather than "我没太明白": the menu offers the same choices without counting a misunderstanding.
    /// </summary>
    public const double MenuWhenUnsure = 0.35;

    public static bool IsConfident(IntentPrediction p) =>
        p.KnownFeatures > 0 && p.Confidence >= MinConfidence && p.Margin >= MinMargin;

    public static bool IsClear(IntentPrediction p) =>
        p.KnownFeatures > 0 && p.Confidence >= InterruptConfidence && p.Margin >= InterruptMargin;
}
