using System.Net;
using System.Text;
using CityWarmth.Knowledge.Documents;
using CityWarmth.Knowledge.Search;

namespace CityWarmth.Bot.KnowledgeBase;

/// <summary>Phone-friendly pages that show a cited passage in its document (the citation links point here).</summary>
public static class KnowledgePagesEndpoints
{
    public static IEndpointRouteBuilder MapKnowledgePages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/kb/{passageId}", (string passageId, IPolicySearch search) =>
        {
            var passage = search.FindPassage(passageId);
            var document = passage is null ? null : search.FindDocument(passage.DocumentId);
            return passage is null || document is null
                ? Results.Content(NotFoundPage(), "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status404NotFound)
                : Results.Content(DocumentPage(document, passage), "text/html; charset=utf-8", Encoding.UTF8);
        }).ExcludeFromDescription();
        return app;
    }

    internal static string DocumentPage(PolicyDocument document, PolicyPassage cited)
    {
        var sb = Head(document.Title);
        sb.Append("<header><h1>").Append(E(document.Title)).Append("</h1><p class=\"meta\">")
          .Append(E(document.Issuer));
        if (document.Date is { } date)
        {
            sb.Append("<br>").Append(date.ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (document.IsSample)
        {
            sb.Append("<br><strong>示例内容,非正式政策</strong>");
        }

        sb.Append("</p><p><a href=\"#").Append(E(cited.Id)).Append("\">跳到引用的段落</a></p></header><main>");
        foreach (var passage in document.Passages)
        {
            var isCited = passage.Id == cited.Id;
            sb.Append("<section id=\"").Append(E(passage.Id)).Append('"').Append(isCited ? " class=\"cited\"" : string.Empty).Append('>');
            if (passage.Part == PassagePart.Summary && (passage.Ordinal == 0 || document.Passages[passage.Ordinal - 1].Part != PassagePart.Summary))
            {
                sb.Append("<h2 class=\"part\">").Append(E(passage.Title)).Append(' ').Append(E(passage.Issuer)).Append("</h2>");
            }

            if (isCited)
            {
                sb.Append("<p class=\"label\">引用段落</p>");
            }

            foreach (var line in passage.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                sb.Append("<p>").Append(E(line)).Append("</p>");
            }

            sb.Append("</section>");
        }

        // Ids are ASCII letters, digits and '-' (checked when metadata loads), so they are safe inside the script.
        sb.Append("</main><script>document.getElementById(\"").Append(E(cited.Id))
          .Append("\")?.scrollIntoView({block:\"start\"});</script><footer>来源文件按原样收录,显示时已转为简体并清理了拼音注音和乱码。</footer></body></html>");
        return sb.ToString();
    }

    internal static string NotFoundPage()
    {
        var sb = Head("没有找到");
        sb.Append("<main><h1>没有找到这段内容</h1><p>链接可能已过期,或者资料已经更新。请回到对话里重新提问。</p></main></body></html>");
        return sb.ToString();
    }

    private static StringBuilder Head(string title) => new StringBuilder()
        .Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
        .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .Append("<title>").Append(E(title)).Append("</title><style>")
        .Append("body{font-family:system-ui,-apple-system,\"PingFang SC\",\"Microsoft YaHei\",sans-serif;margin:0 auto;max-width:42rem;padding:1rem;line-height:1.7;font-size:1.05rem;color:#222}")
        .Append("h1{font-size:1.3rem;line-height:1.4}.meta{color:#555;font-size:.9rem}section{padding:.2rem .6rem;margin:.4rem 0;border-radius:.4rem;scroll-margin-top:1rem}")
        .Append(".cited{background:#fff4c2;border-left:.3rem solid #e0a800}.label{font-size:.8rem;color:#8a6d00;margin:0}.part{font-size:1rem;color:#555}")
        .Append("footer{color:#777;font-size:.8rem;margin-top:2rem}a{color:#0b5cad}")
        .Append("</style></head><body>");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
