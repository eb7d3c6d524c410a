namespace CityWarmth.Bot.KnowledgeBase.ConsolePages;

/// <summary>How the knowledge pages name statuses, reasons and ranks.</summary>
public static class KnowledgeConsoleText
{
    public static string DocumentStatus(string status) => status switch
    {
        "added" => "新增(草稿)",
        "replaced" => "已替换(草稿)",
        "retired" => "下架(草稿)",
        "unchanged" => "未改动",
        _ => "已发布",
    };

    public static string Reason(string reason) => reason switch
    {
        "not-found" => "没找到",
        "low" => "把握不大",
        "unclear" => "没听懂",
        "thumbs-down" => "没帮到我",
        "handed-off" => "转了人工",
        _ => reason,
    };

    public static string Rank(int rank) => rank > 0 ? $"第 {rank} 名" : "没找到";

    public static string Short(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
