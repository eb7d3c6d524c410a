using System.Globalization;
using System.Text;
using CsvHelper;

namespace CityWarmth.Bot.Insights;

/// <summary>
/// The statistics as one CSV table of <c>section,key,day,value</c> rows, which a spreadsheet can pivot: each figure
/// of the report is a row, turns one row per day and skill.
/// </summary>
public static class ServiceStatsCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static string FileName(ServiceStatsReport report) =>
        $"citywarmth-stats-{report.From:yyyyMMdd}-{report.To:yyyyMMdd}.csv";

    public static byte[] Write(ServiceStatsReport report)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default with { FormatProvider = CultureInfo.InvariantCulture }, true))
        {
            void Row(string section, string key, DateOnly? day, object? value)
            {
                csv.WriteField(section);
                csv.WriteField(key);
                csv.WriteField(day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
                csv.WriteField(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                csv.EndRecord();
            }

            foreach (var header in new[] { "section", "key", "day", "value" })
            {
                csv.WriteField(header);
            }
            csv.EndRecord();
            foreach (var turn in report.TurnsByDay)
            {
                Row("turns", turn.Skill, turn.Day, turn.Turns);
            }
            Row("answers", "answered", null, report.Answers.Answered);
            Row("answers", "notFound", null, report.Answers.NotFound);
            Row("answers", "lowConfidence", null, report.Answers.LowConfidence);
            foreach (var group in report.TopUnanswered)
            {
                Row("unanswered", group.Question, null, group.Count);
            }
            foreach (var (status, count) in report.CasesByStatus)
            {
                Row("cases", status, null, count);
            }
            Row("amounts", "claimedYuan", null, report.Amounts.ClaimedYuan);
            Row("amounts", "recoveredYuan", null, report.Amounts.RecoveredYuan);
            Row("handoffs", "requested", null, report.HandoffWait.Requested);
            Row("handoffs", "claimed", null, report.HandoffWait.Claimed);
            Row("handoffs", "waitMedianMinutes", null, report.HandoffWait.MedianMinutes);
            Row("handoffs", "waitP90Minutes", null, report.HandoffWait.P90Minutes);
            Row("feedback", "up", null, report.Feedback.Up);
            Row("feedback", "down", null, report.Feedback.Down);
        }
        // With a byte order mark, so spreadsheet programs read the Chinese questions as UTF-8.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
