namespace CityWarmth.Skills.Routing;

/// <summary>
/// The first safety rule ahead of the classifier (<see cref="DangerDetector"/> is the second): words of suicide or
/// self-harm always reach a person at once, with the hotlines, whatever else is going on. The router matches them on
/// the matching form (simplified, lower-case) and on its dialect-folded reading, so traditional and "唔想活" count too.
/// A rule rather than a model because missing one of these is never acceptable.
/// </summary>
public static class CrisisDetector
{
    private static readonly string[] Phrases =
    [
        "不想活", "活不下去", "活着没意思", "活着没意义", "不如死了", "想死", "寻死", "求死", "死了算了",
        "死了一了百了", "一了百了", "自杀", "轻生", "跳楼", "跳河", "跳江", "跳桥", "上吊", "割腕", "喝农药",
        "吃安眠药", "结束生命", "结束自己", "了结自己", "了断自己", "自残", "伤害自己", "同归于尽", "不想活了",
        "活够了", "遗书", "跳下去", "想不开", "寻短见", "走绝路", "不想再活", "生不如死",
        // Despair said of oneself; "公司撑不下去了" is about the company.
        "我撑不下去", "真的撑不下去", "实在撑不下去", "快撑不下去", "我熬不下去", "真的熬不下去", "实在熬不下去",
    ];

    public static bool IsCrisis(string matchingText) =>
        Phrases.Any(p => matchingText.Contains(p, StringComparison.Ordinal));
}
