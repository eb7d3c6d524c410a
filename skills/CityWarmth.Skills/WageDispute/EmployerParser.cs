using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace CityWarmth.Skills.WageDispute;

/// <summary>Who owes the wages, as the worker describes them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EmployerKind>))]
public enum EmployerKind
{
    /// <summary>A company, factory or other unit (公司/厂/单位).</summary>
    Company,

    /// <summary>A labour contractor (包工头).</summary>
    LabourContractor,

    /// <summary>A team leader (班组长).</summary>
    TeamLeader,

    /// <summary>A private individual (个人老板, 店主, 雇主).</summary>
    Individual,
}

/// <summary>The party that owes wages: its kind and name when known.</summary>
public sealed record EmployerInfo(EmployerKind? Kind, string? Name)
{
    public string Display => (Kind is { } k ? EmployerParser.Label(k) : string.Empty) +
        (Name is { Length: > 0 } n ? (Kind is null ? n : " " + n) : string.Empty);
}

/// <summary>Reads "包工头张三", "恒达建筑有限公司", "班组长老王", "李老板", "公司". Pure; never throws.</summary>
public static partial class EmployerParser
{
    private const string NameStops = "欠拖的了说不没跑把给让在还就又是和跟带叫找要有已";

    public static string Label(EmployerKind kind) => kind switch
    {
        EmployerKind.Company => "公司/单位",
        EmployerKind.LabourContractor => "包工头",
        EmployerKind.TeamLeader => "班组长",
        _ => "个人老板",
    };

    /// <summary>Reads the answer to "who owes you?"; any short text is taken as the name.</summary>
    public static EmployerInfo? Parse(string? answer)
    {
        var text = WageText.Normalize(answer);
        var compact = WageText.Compact(text);
        var kindOnly = compact switch
        {
            "公司" or "单位" or "厂" or "工厂" or "公司/单位" or "公司单位" => EmployerKind.Company,
            "包工头" or "工头" => EmployerKind.LabourContractor,
            "班组长" or "班长" or "带班的" => EmployerKind.TeamLeader,
            "个人" or "个人老板" or "私人老板" or "老板" or "雇主" => EmployerKind.Individual,
            _ => (EmployerKind?)null,
        };
        if (kindOnly is { } k)
        {
            return new EmployerInfo(k, null);
        }
        if (Find(text) is { } found)
        {
            return found;
        }
        return compact.Length is >= 2 and <= 40 && compact.Any(char.IsLetter) ? new EmployerInfo(null, compact) : null;
    }

    /// <summary>Finds the party that owes wages in a longer message.</summary>
    public static EmployerInfo? Find(string? input)
    {
        var text = WageText.Normalize(input);
        if (text.Length == 0)
        {
            return null;
        }

        foreach (var segment in Separators().Split(text))
        {
            if (CompanyName().Match(segment) is { Success: true } company)
            {
                var name = GenericPrefix().Replace(company.Value, string.Empty);
                var isNamed = name.Length - company.Groups["suffix"].Length >= 2;
                return new EmployerInfo(EmployerKind.Company, isNamed ? name : null);
            }
        }

        foreach (Match titled in SurnameTitle().Matches(text))
        {
            // Surnames that are also everyday words ("向老板要钱", "和包工头") are not read as names here.
            if (NameParser.IsSurname(titled.Groups["s"].Value) && !"和向于时明全成安万那这包被找跟".Contains(titled.Groups["s"].Value[0]))
            {
                return new EmployerInfo(KindOf(titled.Groups["t"].Value), titled.Value);
            }
        }

        if (KindWord().Match(text) is { Success: true } word)
        {
            var kind = KindOf(word.Value);
            var after = text[(word.Index + word.Length)..];
            var name = NameAfter(after);
            if (kind is null && name is null)
            {
                return null;
            }
            return new EmployerInfo(kind, name);
        }

        if (text.Contains("公司") || text.Contains("单位") || text.Contains("厂里"))
        {
            return new EmployerInfo(EmployerKind.Company, null);
        }
        return null;
    }

    private static string? NameAfter(string after)
    {
        var han = LeadingHan().Match(after).Value;
        var stop = han.IndexOfAny(NameStops.ToCharArray());
        var candidate = stop >= 0 ? han[..stop] : han;
        if (candidate.Length > 4)
        {
            candidate = candidate[..3];
        }
        if (NameParser.IsPlausibleName(candidate))
        {
            return candidate;
        }
        return Nickname().IsMatch(candidate) ? candidate : null;
    }

    private static EmployerKind? KindOf(string word) => word switch
    {
        "包工头" or "工头" or "承包人" or "包工的" => EmployerKind.LabourContractor,
        "班组长" or "班长" or "带班的" or "领班" or "组长" => EmployerKind.TeamLeader,
        "个人老板" or "私人老板" or "店主" or "东家" or "雇主" or "老板娘" => EmployerKind.Individual,
        _ => null,
    };

    [GeneratedRegex(@"[在的是我了，,.。、给跟和;；\s]|欠|拖")]
    private static partial Regex Separators();

    [GeneratedRegex(@"[\u4E00-\u9FFFA-Za-z0-9()（）]{0,30}?(?<suffix>有限责任公司|股份有限公司|有限公司|集团|公司|工厂|厂|劳务队|建筑队|装修队|工程队|劳务公司)")]
    private static partial Regex CompanyName();

    [GeneratedRegex(@"^(们|这家|那家|一家|一个|这个|那个|那|这|小)")]
    private static partial Regex GenericPrefix();

    [GeneratedRegex(@"包工头|工头|承包人|包工的|班组长|班长|带班的|领班|组长|个人老板|私人老板|老板娘|店主|东家|雇主|老板")]
    private static partial Regex KindWord();

    [GeneratedRegex(@"(?<s>[\u4E00-\u9FFF])(?<t>包工头|工头|老板|老总|经理|班长)")]
    private static partial Regex SurnameTitle();

    [GeneratedRegex(@"^[\u4E00-\u9FFF]+")]
    private static partial Regex LeadingHan();

    [GeneratedRegex(@"^(老|小)[\u4E00-\u9FFF]$")]
    private static partial Regex Nickname();
}
