using System.Net;
using System.Text;

namespace CityWarmth.Skills.WageDispute;

/// <summary>
/// Renders a case as a printable 劳动保障监察 complaint (投诉书): complainant, respondent, facts and request,
/// evidence, and the routes with this worker's deadlines. One self-contained HTML page that prints on A4 and
/// reads on a phone; every value from the worker is HTML-encoded.
/// </summary>
public static class ComplaintSheetRenderer
{
    public static string Render(WageCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var sb = new StringBuilder(8 * 1024);
        sb.Append("""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            """);
        sb.Append("<title>劳动保障监察投诉书 ").Append(E(c.CaseNumber)).Append("</title>\n");
        sb.Append("""
            <style>
            body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;font-size:16px;line-height:1.6;margin:0 auto;max-width:800px;padding:12px;color:#111}
            h1{font-size:22px;text-align:center;margin:8px 0 4px}
            .no{text-align:center;color:#555;font-size:14px;margin-bottom:12px}
            h2{font-size:17px;border-bottom:1px solid #999;margin:18px 0 6px;padding-bottom:2px}
            table{width:100%;border-collapse:collapse}
            th,td{border:1px solid #999;padding:6px 8px;text-align:left;vertical-align:top}
            th{width:28%;background:#f3f3f3;font-weight:normal}
            ol{padding-left:1.4em;margin:4px 0}
            .sign{margin-top:28px;display:flex;justify-content:space-between;flex-wrap:wrap;gap:12px}
            .note{color:#555;font-size:13px}
            @media print{body{max-width:none;padding:0;font-size:12pt}.noprint{display:none}h2{break-after:avoid}table,li{break-inside:avoid}@page{size:A4;margin:18mm 16mm}}
            </style>
            </head>
            <body>
            <h1>劳动保障监察投诉书</h1>
            """);
        sb.Append("<div class=\"no\">登记编号：").Append(E(c.CaseNumber));
        if (c.SubmittedAt is { } at)
        {
            sb.Append("　登记日期：").Append(E(DeadlineCalculator.Format(WageCaseNumber.ChinaDate(at))));
        }
        sb.Append("</div>\n");

        sb.Append("<h2>一、投诉人</h2>\n<table>\n");
        Row(sb, "姓名", c.WorkerName);
        Row(sb, "联系电话", c.Phone);
        Row(sb, "工种", c.Trade);
        Row(sb, "同被拖欠人数", c.WorkerCount is { } n ? new WorkerCount(n, c.WorkerCountApproximate).Display : null);
        sb.Append("</table>\n");

        sb.Append("<h2>二、被投诉单位（个人）</h2>\n<table>\n");
        Row(sb, "名称/姓名", c.EmployerName);
        Row(sb, "类型", c.EmployerKind is { } k ? EmployerParser.Label(k) : null);
        Row(sb, "用工地点", c.Workplace);
        Row(sb, "所在区县", c.District);
        if (c.IsConstruction)
        {
            Row(sb, "工程总包/项目", c.GeneralContractor);
        }
        sb.Append("</table>\n");

        sb.Append("<h2>三、事实与请求</h2>\n<p>").Append(E(Facts(c))).Append("</p>\n");
        sb.Append("<p>请求：责令被投诉人支付拖欠的劳动报酬").Append(E(c.AmountDisplay is { } amt ? $"（{amt}）" : string.Empty))
          .Append("，并依法处理。</p>\n");

        sb.Append("<h2>四、证据</h2>\n");
        if (c.Evidence.Count == 0)
        {
            sb.Append("<p>暂无。请用人单位依《保障农民工工资支付条例》第五十条提供劳动合同、职工名册、工资支付台账和工资清单。</p>\n");
        }
        else
        {
            List(sb, c.Evidence.Select(EvidenceParser.Label));
        }

        sb.Append("<h2>五、办理途径与期限</h2>\n");
        List(sb, c.Routes.Where(r => r.Open).Select(r =>
            r.Name + "：" + r.HowToFile + (r.Deadline is { } d ? $"（请在{DeadlineCalculator.Format(d)}前办理）" : string.Empty)));
        sb.Append("<p>").Append(E(c.ArbitrationDeadline?.Explanation)).Append("<br>").Append(E(c.InspectionDeadline?.Explanation)).Append("</p>\n");
        if (c.LiabilityNotes.Count > 0)
        {
            sb.Append("<h2>六、工程项目的清偿责任</h2>\n");
            List(sb, c.LiabilityNotes);
        }

        sb.Append("""
            <div class="sign"><span>投诉人（签字/按手印）：____________</span><span>日期：______年____月____日</span></div>
            <p class="note">本投诉书根据投诉人在城暖助手中填写的内容生成，请核对后签字，并附身份证复印件和证据材料。</p>
            <p class="noprint"><button onclick="window.print()">打印</button></p>
            </body>
            </html>
            """);
        return sb.ToString();
    }

    /// <summary>The facts paragraph: who, where, when, how much, and the employment situation.</summary>
    internal static string Facts(WageCase c)
    {
        var parts = new List<string>();
        var place = c.Workplace ?? c.District;
        parts.Add($"投诉人{(place is null ? string.Empty : $"在{place}")}为{(c.EmployerDisplay is { Length: > 0 } e ? e : "被投诉人")}干活{(c.Trade is null ? string.Empty : $"（{c.Trade}）")}");
        if (c.Period is { } p)
        {
            parts.Add($"{p.Display}的工资未发");
        }
        if (c.AmountDisplay is { } a)
        {
            parts.Add($"共拖欠{a}");
        }
        parts.Add(c.JobEnded switch
        {
            true => c.JobEndedOn is { } d ? $"投诉人已于{DeadlineCalculator.Format(d)}前后离开" : "投诉人已离开",
            false => "投诉人目前仍在该处工作",
            _ => "用工是否结束未说明",
        });
        if (c.IsConstruction)
        {
            parts.Add("该工作属于工程建设项目");
        }
        if (c.EmployerAbsconded)
        {
            parts.Add("被投诉人现已难以联系");
        }
        return string.Join("，", parts) + "。";
    }

    private static void Row(StringBuilder sb, string label, string? value) =>
        sb.Append("<tr><th>").Append(E(label)).Append("</th><td>").Append(E(string.IsNullOrWhiteSpace(value) ? "（未填）" : value)).Append("</td></tr>\n");

    private static void List(StringBuilder sb, IEnumerable<string> items)
    {
        sb.Append("<ol>\n");
        foreach (var item in items)
        {
            sb.Append("<li>").Append(E(item)).Append("</li>\n");
        }
        sb.Append("</ol>\n");
    }

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? string.Empty);
}
