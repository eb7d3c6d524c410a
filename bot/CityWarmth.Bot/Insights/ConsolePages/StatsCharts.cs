using System.Globalization;

namespace CityWarmth.Bot.Insights.ConsolePages;

/// <summary>A bar of a chart, in the SVG's own units, with the class that colours it and the tooltip it shows.</summary>
public sealed record ChartBar(double X, double Y, double Width, double Height, string CssClass, string Title);

/// <summary>A text of a chart; <paramref name="Anchor"/> is SVG's text-anchor (start, middle, end).</summary>
public sealed record ChartLabel(double X, double Y, string Text, string Anchor = "start");

/// <summary>A chart drawn on the server as SVG: no script, no network, nothing the console's CSP forbids.</summary>
public sealed record Chart(double Width, double Height, IReadOnlyList<ChartBar> Bars, IReadOnlyList<ChartLabel> Labels,
    IReadOnlyList<(string Label, string CssClass)> Legend)
{
    /// <summary>A coordinate as SVG reads it (a dot for decimals whatever the culture).</summary>
    public static string N(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);
}

/// <summary>Lays out the statistics page's charts.</summary>
public static class StatsCharts
{
    private const double Left = 44, Top = 10, Bottom = 28, PlotHeight = 180, DayWidth = 22;
    private const int Colours = 8;

    /// <summary>Turns per day, stacked by skill, one column a day of the window (days without turns stay empty).</summary>
    public static Chart TurnsByDay(ServiceStatsReport report, Func<string, string> skillLabel)
    {
        var skills = report.TurnsByDay.GroupBy(t => t.Skill).OrderByDescending(g => g.Sum(t => t.Turns)).Select(g => g.Key).ToList();
        var days = Enumerable.Range(0, report.Days).Select(i => report.From.AddDays(i)).ToList();
        var perDay = report.TurnsByDay.ToLookup(t => t.Day);
        var max = Math.Max(1, days.Max(d => perDay[d].Sum(t => t.Turns)));
        var width = Left + days.Count * DayWidth + 10;
        var bars = new List<ChartBar>();
        var labels = new List<ChartLabel>
        {
            new(Left - 6, Top + 4, max.ToString(CultureInfo.InvariantCulture), "end"),
            new(Left - 6, Top + PlotHeight, "0", "end"),
        };
        var labelEvery = Math.Max(1, days.Count / 8);
        for (var i = 0; i < days.Count; i++)
        {
            var x = Left + i * DayWidth + 3;
            var y = Top + PlotHeight;
            foreach (var skill in skills)
            {
                var turns = perDay[days[i]].Where(t => t.Skill == skill).Sum(t => t.Turns);
                if (turns == 0)
                {
                    continue;
                }
                var height = turns * PlotHeight / max;
                y -= height;
                bars.Add(new ChartBar(x, y, DayWidth - 6, height, Colour(skills.IndexOf(skill)),
                    $"{days[i]:MM-dd} {skillLabel(skill)}：{turns}"));
            }
            if (i % labelEvery == 0 || i == days.Count - 1)
            {
                labels.Add(new ChartLabel(x + (DayWidth - 6) / 2, Top + PlotHeight + 18, days[i].ToString("MM-dd", CultureInfo.InvariantCulture), "middle"));
            }
        }
        return new Chart(width, Top + PlotHeight + Bottom, bars, labels,
            [.. skills.Select((s, i) => (skillLabel(s), Colour(i)))]);
    }

    /// <summary>Horizontal bars, one a labelled value.</summary>
    public static Chart Bars(IReadOnlyList<(string Label, double Value)> items, Func<double, string>? format = null)
    {
        const double labelWidth = 110, barArea = 300, rowHeight = 26;
        format ??= v => v.ToString("0.#", CultureInfo.InvariantCulture);
        var max = Math.Max(1, items.Count == 0 ? 0 : items.Max(i => i.Value));
        var bars = new List<ChartBar>();
        var labels = new List<ChartLabel>();
        for (var i = 0; i < items.Count; i++)
        {
            var y = 6 + i * rowHeight;
            var width = items[i].Value * barArea / max;
            bars.Add(new ChartBar(labelWidth, y, Math.Max(width, 1), rowHeight - 8, Colour(i), $"{items[i].Label}：{format(items[i].Value)}"));
            labels.Add(new ChartLabel(labelWidth - 6, y + rowHeight - 13, items[i].Label, "end"));
            labels.Add(new ChartLabel(labelWidth + Math.Max(width, 1) + 6, y + rowHeight - 13, format(items[i].Value)));
        }
        return new Chart(labelWidth + barArea + 90, 12 + items.Count * rowHeight, bars, labels, []);
    }

    /// <summary>An SVG text element (Razor reserves the tag name <c>text</c> for itself).</summary>
    public static Microsoft.AspNetCore.Html.IHtmlContent Text(ChartLabel label)
    {
        var encoder = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        return new Microsoft.AspNetCore.Html.HtmlString(
            $"<text x=\"{Chart.N(label.X)}\" y=\"{Chart.N(label.Y)}\" text-anchor=\"{encoder.Encode(label.Anchor)}\">{encoder.Encode(label.Text)}</text>");
    }

    private static string Colour(int index) => "c" + (index % Colours).ToString(CultureInfo.InvariantCulture);
}
