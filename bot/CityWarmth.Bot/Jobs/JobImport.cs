using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CityWarmth.Skills.Jobs;
using CsvHelper;

namespace CityWarmth.Bot.Jobs;

public enum JobFileFormat
{
    Csv,
    Json,
}

/// <summary>One posting as read from a file: its line and its fields by canonical name, not yet checked.</summary>
public sealed record JobRow(int Line, IReadOnlyDictionary<string, string?> Fields);

/// <summary>A row that was not imported, with every reason.</summary>
public sealed record JobRowRejection(int Line, IReadOnlyList<string> Errors);

/// <summary>What an import did: all rows saved, or none (then <see cref="Rejected"/> says why).</summary>
public sealed record JobImportReport(int Rows, int Inserted, int Updated, IReadOnlyList<JobRowRejection> Rejected)
{
    public bool Succeeded => Rejected.Count == 0;
}

/// <summary>Reads CSV and JSON posting files into rows. Column names may be the JSON names or their Chinese labels.</summary>
public static class JobFileReader
{
    // Canonical field name and the Chinese headers an admin may use instead.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["岗位"] = "title", ["岗位名称"] = "title", ["标题"] = "title", ["职位"] = "title",
        ["工种"] = "trade",
        ["单位"] = "employer", ["用人单位"] = "employer", ["企业"] = "employer", ["招聘单位"] = "employer",
        ["统一社会信用代码"] = "employerCreditCode", ["信用代码"] = "employerCreditCode",
        ["区"] = "district", ["区域"] = "district", ["所在区"] = "district",
        ["城市"] = "city", ["地址"] = "address", ["工作地址"] = "address",
        ["最低工资"] = "payMin", ["工资下限"] = "payMin", ["最高工资"] = "payMax", ["工资上限"] = "payMax",
        ["计薪方式"] = "payUnit", ["工资单位"] = "payUnit",
        ["工作时间"] = "hours", ["包住"] = "housingProvided", ["包吃"] = "mealsProvided",
        ["最小年龄"] = "ageMin", ["最低年龄"] = "ageMin", ["最大年龄"] = "ageMax", ["最高年龄"] = "ageMax",
        ["兼职"] = "partTime", ["电话"] = "contactPhone", ["联系电话"] = "contactPhone",
        ["说明"] = "description", ["岗位说明"] = "description", ["发布日期"] = "postedOn",
        ["截止日期"] = "expiresOn", ["有效期至"] = "expiresOn", ["来源"] = "source", ["来源编号"] = "sourceId",
    };

    public static JobFileFormat? DetectFormat(string? fileName, string? contentType, ReadOnlySpan<byte> head)
    {
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (extension == ".csv" || contentType?.Contains("csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            return JobFileFormat.Csv;
        }
        if (extension == ".json" || contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            return JobFileFormat.Json;
        }
        var first = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return first.Length == 0 ? null : first[0] is '[' or '{' ? JobFileFormat.Json : JobFileFormat.Csv;
    }

    /// <summary>Reads all rows; a file that cannot be parsed at all throws <see cref="InvalidDataException"/>.</summary>
    public static IReadOnlyList<JobRow> Read(byte[] content, JobFileFormat format) =>
        format == JobFileFormat.Csv ? ReadCsv(content) : ReadJson(content);

    private static List<JobRow> ReadCsv(byte[] content)
    {
        var options = CsvReaderOptions.Default with
        {
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
        };
        var rows = new List<JobRow>();
        try
        {
            using var csv = CsvReader.Create(content, options);
            var names = csv.Headers.Select(Canonical).ToArray();
            if (names.Length == 0)
            {
                return rows;
            }
            while (csv.Read())
            {
                var record = csv.Current.ToArray();
                if (record.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < names.Length; i++)
                {
                    fields[names[i]] = i < record.Length ? record[i] : null;
                }
                if (record.Length > names.Length)
                {
                    fields["__extra"] = record.Length.ToString(CultureInfo.InvariantCulture);
                }
                rows.Add(new JobRow((int)csv.LineNumber, fields));
            }
        }
        catch (CsvFormatException ex)
        {
            throw new InvalidDataException($"CSV 格式错误（第 {ex.LineNumber} 行附近），多半是引号没有配对。", ex);
        }
        return rows;
    }

    private static List<JobRow> ReadJson(byte[] content)
    {
        var rows = new List<JobRow>();
        var span = content.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble))
        {
            span = span[Encoding.UTF8.Preamble.Length..];
        }
        var bytes = span.ToArray();
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!reader.Read())
            {
                return rows;
            }
            // Either [ {...}, ... ] or { "postings": [ ... ] }.
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && !(reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("postings")))
                {
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        reader.Skip();
                    }
                }
                if (!reader.Read())
                {
                    throw new InvalidDataException("JSON 里没有 postings 数组。");
                }
            }
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new InvalidDataException("JSON 应该是岗位数组，或带 postings 数组的对象。");
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var line = 1 + bytes.AsSpan(0, (int)reader.TokenStartIndex).Count((byte)'\n');
                using var element = JsonDocument.ParseValue(ref reader);
                var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                if (element.RootElement.ValueKind != JsonValueKind.Object)
                {
                    fields["__notObject"] = "1";
                }
                else
                {
                    foreach (var property in element.RootElement.EnumerateObject())
                    {
                        fields[Canonical(property.Name)] = property.Value.ValueKind switch
                        {
                            JsonValueKind.Null => null,
                            JsonValueKind.String => property.Value.GetString(),
                            _ => property.Value.GetRawText(),
                        };
                    }
                }
                rows.Add(new JobRow(line, fields));
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"JSON 格式错误（第 {ex.LineNumber + 1} 行附近）。", ex);
        }
        return rows;
    }

    private static string Canonical(string header)
    {
        var name = header.Trim().TrimStart('\uFEFF');
        return Aliases.TryGetValue(name, out var canonical) ? canonical : name;
    }
}

/// <summary>Checks one row and turns it into a posting, collecting every problem with a reason an admin can act on.</summary>
public sealed partial class JobRowValidator(TimeProvider clock)
{
    public (JobPosting? Posting, IReadOnlyList<string> Errors) Validate(JobRow row, string defaultSource)
    {
        var errors = new List<string>();
        var f = row.Fields;
        if (f.ContainsKey("__notObject"))
        {
            return (null, ["这一条不是对象。"]);
        }
        if (f.ContainsKey("__extra"))
        {
            errors.Add("列数比表头多，可能有没加引号的逗号。");
        }

        var title = Required("title", "岗位名称", 100);
        var trade = Required("trade", "工种", 32);
        var employer = Required("employer", "用人单位", 100);
        var district = Required("district", "区", 32);
        var phone = Required("contactPhone", "联系电话", 32);
        var creditCode = Optional("employerCreditCode", 18);
        if (creditCode is not null && !CreditCode().IsMatch(creditCode.ToUpperInvariant()))
        {
            errors.Add("统一社会信用代码应为18位数字或大写字母。");
        }
        if (phone is not null)
        {
            phone = phone.Replace(" ", "", StringComparison.Ordinal);
            if (!Phone().IsMatch(phone))
            {
                errors.Add($"联系电话“{phone}”格式不对（手机号11位，座机如 0571-88886666）。");
            }
        }

        var unit = ParseUnit(Optional("payUnit", 8));
        var payMin = Money("payMin", "最低工资");
        var payMax = Money("payMax", "最高工资");
        if (payMin is null && payMax is null && !errors.Any(e => e.Contains("工资", StringComparison.Ordinal)))
        {
            errors.Add("缺少工资（payMin 或 payMax）。");
        }
        if (payMin is { } lo && payMax is { } hi && lo > hi)
        {
            errors.Add($"最低工资 {lo} 高于最高工资 {hi}。");
        }
        if (unit is { } u && (payMax ?? payMin) is { } top && top > MaxPay(u))
        {
            errors.Add($"工资 {top} 元/{JobPay.UnitName(u)} 不合常理，请检查单位（月/天/小时/件）。");
        }

        var ageMin = Age("ageMin", "最小年龄");
        var ageMax = Age("ageMax", "最大年龄");
        if (ageMin is < 16)
        {
            errors.Add("最小年龄不能低于16岁。");
        }
        if (ageMin is { } a1 && ageMax is { } a2 && a1 > a2)
        {
            errors.Add($"最小年龄 {a1} 大于最大年龄 {a2}。");
        }

        var today = JobCalendar.Today(clock);
        var posted = Date("postedOn", "发布日期", required: true);
        var expires = Date("expiresOn", "截止日期", required: false);
        if (posted is { } p && p > today.AddDays(1))
        {
            errors.Add($"发布日期 {p:yyyy-MM-dd} 在未来。");
        }
        if (posted is { } p2 && expires is { } e2 && e2 < p2)
        {
            errors.Add($"截止日期 {e2:yyyy-MM-dd} 早于发布日期 {p2:yyyy-MM-dd}。");
        }

        var housing = Flag("housingProvided", "包住");
        var meals = Flag("mealsProvided", "包吃");
        var partTime = Flag("partTime", "兼职");
        var isSample = Flag("isSample", "示例");
        var source = Optional("source", 64) ?? defaultSource;
        var sourceId = Optional("sourceId", 128);

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new JobPosting
        {
            Id = "J" + Guid.NewGuid().ToString("N")[..11],
            SourceId = sourceId,
            Title = title!,
            Trade = trade!,
            Employer = employer!,
            EmployerCreditCode = creditCode?.ToUpperInvariant(),
            District = district!,
            City = Optional("city", 32) ?? "",
            Address = Optional("address", 200),
            PayMin = payMin,
            PayMax = payMax,
            PayUnit = unit ?? PayUnit.Month,
            Hours = Optional("hours", 100),
            HousingProvided = housing,
            MealsProvided = meals,
            AgeMin = ageMin,
            AgeMax = ageMax,
            PartTime = partTime,
            ContactPhone = phone!,
            Description = Optional("description", 1000),
            PostedOn = posted!.Value,
            ExpiresOn = expires,
            Source = source,
            IsSample = isSample,
        }, errors);

        string? Optional(string name, int maxLength)
        {
            var value = f.TryGetValue(name, out var v) ? v?.Trim() : null;
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }
            if (value.Length > maxLength)
            {
                errors.Add($"{name} 超过 {maxLength} 个字。");
            }
            return value;
        }

        string? Required(string name, string label, int maxLength)
        {
            var value = Optional(name, maxLength);
            if (value is null)
            {
                errors.Add($"缺少{label}（{name}）。");
            }
            return value;
        }

        decimal? Money(string name, string label)
        {
            var text = Optional(name, 16);
            if (text is null)
            {
                return null;
            }
            if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                errors.Add($"{label}“{text}”不是正数。");
                return null;
            }
            return value;
        }

        int? Age(string name, string label)
        {
            var text = Optional(name, 4);
            if (text is null)
            {
                return null;
            }
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 80)
            {
                errors.Add($"{label}“{text}”应是16到80之间的整数。");
                return null;
            }
            return value;
        }

        DateOnly? Date(string name, string label, bool required)
        {
            var text = required ? Required(name, label, 20) : Optional(name, 20);
            if (text is null)
            {
                return null;
            }
            if (!DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add($"{label}“{text}”不是日期（写成 2026-12-31）。");
                return null;
            }
            return date;
        }

        bool Flag(string name, string label)
        {
            var text = Optional(name, 8)?.ToLowerInvariant();
            switch (text)
            {
                case null or "false" or "0" or "否" or "no" or "n" or "不包":
                    return false;
                case "true" or "1" or "是" or "yes" or "y" or "包":
                    return true;
                default:
                    errors.Add($"{label}“{text}”应填 是/否。");
                    return false;
            }
        }

        PayUnit? ParseUnit(string? text)
        {
            switch (text?.ToLowerInvariant())
            {
                case null or "month" or "月" or "元/月":
                    return PayUnit.Month;
                case "day" or "天" or "日" or "元/天":
                    return PayUnit.Day;
                case "hour" or "小时" or "时" or "元/小时":
                    return PayUnit.Hour;
                case "piece" or "件" or "单" or "计件":
                    return PayUnit.Piece;
                default:
                    errors.Add($"计薪方式“{text}”应为 month/day/hour/piece（月/天/小时/件）。");
                    return null;
            }
        }
    }

    private static decimal MaxPay(PayUnit unit) => unit switch
    {
        PayUnit.Month => 100_000,
        PayUnit.Day => 5_000,
        PayUnit.Hour => 1_000,
        _ => 10_000,
    };

    // Mobile numbers, landlines with area code (optional extension), and 400/800 service numbers.
    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|[48]00-?\d{3}-?\d{4})$")]
    private static partial Regex Phone();

    [GeneratedRegex("^[0-9A-Z]{18}$")]
    private static partial Regex CreditCode();
}
