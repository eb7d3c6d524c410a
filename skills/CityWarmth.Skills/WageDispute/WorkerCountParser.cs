using CityWarmth.Skills.Text;
using System.Text.RegularExpressions;

namespace CityWarmth.Skills.WageDispute;

/// <summary>How many workers are owed; <see cref="Approximate"/> for "十几个", "二十多人".</summary>
public sealed record WorkerCount(int Count, bool Approximate)
{
    public string Display => Count == 1 && !Approximate ? "1人（仅本人）" : Approximate ? $"{Count}多人" : $"{Count}人";
}

/// <summary>Reads "就我一个", "我们十几个人", "20多个工友", "5". Pure; never throws.</summary>
public static partial class WorkerCountParser
{
    /// <summary>Reads the answer to "how many of you are owed?": a bare number is accepted.</summary>
    public static WorkerCount? Parse(string? answer)
    {
        var text = WageText.Compact(WageText.Normalize(answer));
        if (Find(text) is { } found)
        {
            return found;
        }
        if (Bare().Match(text) is { Success: true } bare && Count(bare.Groups["n"].Value, bare.Groups["a"].Success) is { } count)
        {
            return count;
        }
        return null;
    }

    /// <summary>Finds a worker count inside a longer message (needs 人/工友/兄弟... or "就我一个").</summary>
    public static WorkerCount? Find(string? input)
    {
        var text = WageText.Normalize(input);
        if (OnlyMe().IsMatch(text))
        {
            return new WorkerCount(1, false);
        }
        if (SeveralTens().IsMatch(text))
        {
            return new WorkerCount(20, true);
        }
        var m = People().Match(text);
        return m.Success ? Count(m.Groups["n"].Value, m.Groups["a"].Success || m.Groups["b"].Success) : null;
    }

    private static WorkerCount? Count(string number, bool approximate) =>
        ChineseNumber.TryParse(number.AsSpan(), out var n) && n is >= 1 and <= 10_000 && n == decimal.Truncate(n)
            ? new WorkerCount((int)n, approximate)
            : null;

    [GeneratedRegex(@"就我(一个|1个|自己)?(人)?$|^就我|只有我|只我|我一个|我自己|就一个人|一个人|就我一人")]
    private static partial Regex OnlyMe();

    [GeneratedRegex(@"几十(个|名|位)?(人|工友|兄弟|工人|师傅)")]
    private static partial Regex SeveralTens();

    [GeneratedRegex(@"(?<n>\d{1,4}|[一二两三四五六七八九十百]{1,4})(?<a>几|多|来|余)?(个|名|位)?(?<b>多)?(人|工友|兄弟|工人|师傅|农民工)")]
    private static partial Regex People();

    [GeneratedRegex(@"^(大概|大约|约|差不多)?(?<n>\d{1,4}|[一二两三四五六七八九十百]{1,4})(?<a>几|多|来|余)?(个|名|位)?$")]
    private static partial Regex Bare();
}
