using System.Text.RegularExpressions;

namespace CityWarmth.Knowledge.Readers;

/// <summary>Titles as files record them, cleaned of what tools and web sites add around them.</summary>
public static partial class DocumentTitles
{
    private const int MaxLength = 120;

    /// <summary>
    /// A title property (Word's dc:title, a PDF's Title), or null when it is empty or a tool's placeholder
    /// ("Microsoft Word - 通知.docx", "文档1", "Untitled").
    /// </summary>
    public static string? FromProperty(string? value)
    {
        var title = Collapse(value);
        if (title.Length == 0 || Placeholder().IsMatch(title))
        {
            return null;
        }

        title = ToolPrefix().Replace(title, string.Empty);
        title = FileExtension().Replace(title, string.Empty).Trim();
        return title.Length is 0 or > MaxLength || Placeholder().IsMatch(title) ? null : title;
    }

    /// <summary>
    /// The page's own title from an HTML &lt;title&gt;: sites add their name after a separator
    /// ("工伤认定办事指南_澜江市人力资源和社会保障局"), sometimes before it; the part that is not the site's name is kept.
    /// </summary>
    public static string? FromHtmlTitle(string? value)
    {
        var title = Collapse(value);
        if (title.Length == 0)
        {
            return null;
        }

        var parts = TitleSeparator().Split(title).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        var page = parts.FirstOrDefault(p => !LooksLikeSiteName(p)) ?? parts.FirstOrDefault() ?? title;
        return page.Length > MaxLength ? null : page;
    }

    private static bool LooksLikeSiteName(string part) => SiteName().IsMatch(part) || part.Contains("www.", StringComparison.OrdinalIgnoreCase);

    private static string Collapse(string? value) =>
        string.Join(' ', (value ?? string.Empty).Split((char[])[' ', '\n', '\r', '\t', '\u3000'], StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex(@"^(untitled|document\s*\d*|文档\s*\d*|无标题|新建\s*microsoft\s*word\s*文档|title|标题)$", RegexOptions.IgnoreCase)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^(microsoft\s+(word|powerpoint|excel)\s*-\s*)", RegexOptions.IgnoreCase)]
    private static partial Regex ToolPrefix();

    [GeneratedRegex(@"\.(docx?|pdf|wps|html?|txt|md)$", RegexOptions.IgnoreCase)]
    private static partial Regex FileExtension();

    // "_", "|", "｜", "—" and a spaced "-" separate the page's title from the site's name (an unspaced "-" may be part of it).
    [GeneratedRegex(@"\s*[_|｜]\s*|\s+[-–—]+\s+|—+|－+")]
    private static partial Regex TitleSeparator();

    // Names of sites and the offices that run them, as they close a page title.
    [GeneratedRegex(@"(人民政府|政府网|门户网站|网站|官网|门户|政务网|服务网|信息网|在线|网|局|厅|委员会|办公室|总工会|司法局)$")]
    private static partial Regex SiteName();
}
