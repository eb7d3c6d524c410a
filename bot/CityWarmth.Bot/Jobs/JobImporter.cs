using CityWarmth.Skills.Jobs;

namespace CityWarmth.Bot.Jobs;

/// <summary>
/// Imports a CSV or JSON file of postings: every row is checked, and the file is saved whole in one transaction
/// or not at all, with each rejected row's line and reasons.
/// </summary>
public sealed partial class JobImporter(EfJobStore store, JobRowValidator validator, ILogger<JobImporter> logger)
{
    public const string DefaultSource = "导入";

    /// <exception cref="InvalidDataException">The file is not CSV or JSON that can be read at all.</exception>
    public async Task<JobImportReport> ImportAsync(byte[] content, JobFileFormat format, CancellationToken cancellationToken)
    {
        var rows = JobFileReader.Read(content, format);
        if (rows.Count == 0)
        {
            return new JobImportReport(0, 0, 0, [new JobRowRejection(0, ["文件里没有岗位。"])]);
        }

        var postings = new List<JobPosting>(rows.Count);
        var rejected = new List<JobRowRejection>();
        var seen = new Dictionary<(string, string), int>();
        foreach (var row in rows)
        {
            var (posting, errors) = validator.Validate(row, DefaultSource);
            var problems = errors.ToList();
            if (posting?.SourceId is { } sourceId)
            {
                if (seen.TryGetValue((posting.Source, sourceId), out var firstLine))
                {
                    problems.Add($"来源编号 {sourceId} 与第 {firstLine} 行重复。");
                }
                else
                {
                    seen[(posting.Source, sourceId)] = row.Line;
                }
            }
            if (problems.Count > 0)
            {
                rejected.Add(new JobRowRejection(row.Line, problems));
            }
            else
            {
                postings.Add(posting!);
            }
        }

        if (rejected.Count > 0)
        {
            Log.ImportRejected(logger, rows.Count, rejected.Count);
            return new JobImportReport(rows.Count, 0, 0, rejected);
        }

        var result = await store.UpsertPostingsAsync(postings, cancellationToken);
        Log.Imported(logger, result.Inserted, result.Updated);
        return new JobImportReport(rows.Count, result.Inserted, result.Updated, []);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Job import saved {Inserted} new and {Updated} updated postings")]
        public static partial void Imported(ILogger logger, int inserted, int updated);

        [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "Job import of {Rows} rows rejected whole: {Rejected} rows invalid")]
        public static partial void ImportRejected(ILogger logger, int rows, int rejected);
    }
}
