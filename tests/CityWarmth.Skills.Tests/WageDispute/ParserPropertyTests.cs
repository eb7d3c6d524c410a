using CityWarmth.Skills.WageDispute;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CityWarmth.Skills.Tests.WageDispute;

/// <summary>Whatever a worker types, the parsers answer (possibly null) and never throw.</summary>
public sealed class ParserPropertyTests
{
    // Characters the parsers key on, so random strings reach deep into their branches.
    private const string Interesting =
        "0123456789.,-+/ 一二两三四五六七八九十百千万亿零〇kKwW元块钱月年日号个人多几半到至今去前上这从开始起腊正冬底初" +
        "¥￥１２３４萬兩個區縣区县市工地包工头班组长公司厂欠条合同没有不是还在干离职我叫姓张王李？?吗";

    private static Arbitrary<string> Texts() =>
        Gen.Elements(Interesting.ToCharArray()).ArrayOf().Select(chars => new string(chars)).ToArbitrary();

    private static void Holds(Action<string> parse) =>
        Prop.ForAll(Texts(), text => { parse(text); return true; }).QuickCheckThrowOnFailure();

    [Property(MaxTest = 300)]
    public bool AmountParserNeverThrowsOnArbitraryStrings(string? text)
    {
        _ = AmountParser.Parse(text);
        _ = AmountParser.Find(text);
        return true;
    }

    [Property(MaxTest = 300)]
    public bool PeriodParserNeverThrowsOnArbitraryStrings(string? text)
    {
        _ = PeriodParser.Parse(text, TestClock.Today);
        return true;
    }

    [Property(MaxTest = 300)]
    public bool PhoneAndNameParsersNeverThrowOnArbitraryStrings(string? text)
    {
        _ = PhoneParser.Find(text);
        _ = NameParser.Parse(text);
        return true;
    }

    [Property(MaxTest = 300)]
    public bool SlotExtractorNeverThrowsOnArbitraryStrings(string? text)
    {
        _ = WageSlotExtractor.Extract(text, TestClock.Today);
        _ = EmployerParser.Parse(text);
        _ = WorkerCountParser.Parse(text);
        _ = JobStatusParser.Parse(text, TestClock.Today);
        _ = JobStatusParser.ParseDate(text, TestClock.Today);
        _ = EvidenceParser.Parse(text);
        return true;
    }

    [Fact]
    public void ParsersNeverThrowOnStringsMadeOfTheCharactersTheyReadMost()
    {
        Holds(t => AmountParser.Parse(t));
        Holds(t => AmountParser.Find(t));
        Holds(t => PeriodParser.Parse(t, TestClock.Today));
        Holds(t => PeriodParser.Parse(t, new DateOnly(2100, 12, 31)));
        Holds(t => PhoneParser.Find(t));
        Holds(t => NameParser.Parse(t));
        Holds(t => WageSlotExtractor.Extract(t, TestClock.Today));
        Holds(t => JobStatusParser.ParseDate(t, new DateOnly(1991, 1, 1)));
    }

    [Fact]
    public void ParsedAmountsAreAlwaysPositiveAndBounded()
    {
        Prop.ForAll(Texts(), text => AmountParser.Parse(text) is not { } a || a.Yuan is > 0 and <= 100_000_000m)
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void FoundPhoneNumbersAreAlwaysValidMobiles()
    {
        Prop.ForAll(Texts(), text => PhoneParser.Find(text) is not { } p || System.Text.RegularExpressions.Regex.IsMatch(p, "^1[3-9][0-9]{9}$"))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void PeriodsNeverEndAfterToday()
    {
        Prop.ForAll(Texts(), text => PeriodParser.Parse(text, TestClock.Today) is not { } p
                || ((p.To is null || p.To <= TestClock.Today) && (p.From is null || p.From <= TestClock.Today)))
            .QuickCheckThrowOnFailure();
    }
}
