using CityWarmth.Knowledge.Text;
using CityWarmth.Skills.Jobs;

namespace CityWarmth.Skills.Tests.Jobs;

public sealed class JobQueryParserTests
{
    private readonly JobQueryParser _parser = new(JobVocabulary.Default);

    [Theory]
    // The questions from the issue.
    [InlineData("帮我找个电工的活", "trade=电工")]
    [InlineData("附近有没有招保安的", "trade=保安;near")]
    [InlineData("有没有包吃包住的厂", "trade=普工|叉车司机|仓管;housing;meals")]
    [InlineData("五十岁能干什么", "age=50")]
    [InlineData("开叉车的，六千以上", "trade=叉车司机;pay=6000/Month")]
    // Follow-ups.
    [InlineData("要东湖区的", "district=东湖区")]
    [InlineData("工资高一点的", "higher")]
    [InlineData("还有吗", "more")]
    [InlineData("更多", "more")]
    [InlineData("换个保洁的", "trade=保洁;change")]
    [InlineData("那保安呢", "trade=保安;change")]
    [InlineData("不限区域", "-district")]
    [InlineData("不要求包吃住", "-board")]
    [InlineData("不限工资", "-pay")]
    [InlineData("全职也行", "-parttime")]
    [InlineData("详情 S0012", "details=s0012")]
    // Trade synonyms.
    [InlineData("找个电焊工", "trade=焊工")]
    [InlineData("看门的活有吗", "trade=保安")]
    [InlineData("我会做饭", "trade=厨师")]
    [InlineData("想去送外卖", "trade=外卖骑手")]
    [InlineData("保洁阿姨还要人吗", "trade=保洁")]
    [InlineData("清洁工", "trade=保洁")]
    [InlineData("操作工", "trade=普工")]
    [InlineData("找个月嫂的活", "trade=月嫂")]
    [InlineData("钟点工", "trade=家政;parttime")]
    [InlineData("找份装修的活", "trade=瓦工|木工|油漆工|电工")]
    // Pay.
    [InlineData("一天三百以上的活", "pay=300/Day")]
    [InlineData("月薪8k的司机", "trade=司机;pay=8000/Month")]
    [InlineData("一万以上的焊工", "trade=焊工;pay=10000/Month")]
    [InlineData("六千五一个月的普工", "trade=普工;pay=6500/Month")]
    [InlineData("五六千的仓管", "trade=仓管;pay=5000/Month")]
    [InlineData("时薪25以上的兼职", "pay=25/Hour;parttime")]
    [InlineData("日结三百", "pay=300/Day;daily")]
    [InlineData("8000以上", "pay=8000/Month")]
    [InlineData("三百一天的小工", "trade=普工;pay=300/Day")]
    // Housing, meals, part-time.
    [InlineData("包住的保安", "trade=保安;housing")]
    [InlineData("管饭的服务员", "trade=服务员;meals")]
    [InlineData("两班倒的普工，包吃住", "trade=普工;housing;meals;kw=两班倒")]
    [InlineData("有没有兼职", "parttime")]
    [InlineData("日结的活", "daily")]
    // Age and district.
    [InlineData("我今年五十了，找保洁", "trade=保洁;age=50")]
    [InlineData("50岁还能当保安吗", "trade=保安;age=50")]
    [InlineData("南山的月嫂", "trade=月嫂;district=南山区")]
    [InlineData("高新区附近", "district=高新区;near")]
    [InlineData("經開區的叉車司機", "trade=叉车司机;district=经开区")]
    // Job fairs and unknown trades.
    [InlineData("最近有招聘会吗", "fairs")]
    [InlineData("有没有直播带岗", "fairs")]
    [InlineData("开挖掘机的", "kw=开挖掘机")]
    public void ReadsFiltersFromTheMessage(string text, string expected)
    {
        var message = _parser.Parse(TextNormalizer.ForMatching(text));

        Assert.Equal(expected, Describe(message));
    }

    [Fact]
    public void RecognisesDistrictsItIsGiven()
    {
        var message = _parser.Parse(TextNormalizer.ForMatching("青山区有电工吗"), ["青山区"]);

        Assert.Equal("青山区", message.Filters.District);
    }

    private static string Describe(JobMessage m)
    {
        var f = m.Filters;
        var parts = new List<string>();
        if (f.Trades.Count > 0)
        {
            parts.Add("trade=" + string.Join('|', f.Trades));
        }
        if (f.District is not null)
        {
            parts.Add("district=" + f.District);
        }
        if (f.MinPay is not null)
        {
            parts.Add($"pay={f.MinPay}/{f.MinPayUnit}");
        }
        if (f.NeedsHousing)
        {
            parts.Add("housing");
        }
        if (f.NeedsMeals)
        {
            parts.Add("meals");
        }
        if (f.Age is not null)
        {
            parts.Add("age=" + f.Age);
        }
        if (f.PartTime)
        {
            parts.Add("parttime");
        }
        if (f.DailyPay)
        {
            parts.Add("daily");
        }
        if (f.Keywords is not null)
        {
            parts.Add("kw=" + f.Keywords);
        }
        AddIf(m.NearMe, "near");
        AddIf(m.MoreResults, "more");
        AddIf(m.HigherPay, "higher");
        AddIf(m.ChangeTrade, "change");
        AddIf(m.AsksFairs, "fairs");
        if (m.DetailsId is not null)
        {
            parts.Add("details=" + m.DetailsId);
        }
        AddIf(m.ClearDistrict, "-district");
        AddIf(m.ClearPay, "-pay");
        AddIf(m.ClearHousingAndMeals, "-board");
        AddIf(m.ClearTrade, "-trade");
        AddIf(m.ClearPartTime, "-parttime");
        AddIf(m.ClearAge, "-age");
        return string.Join(';', parts);

        void AddIf(bool flag, string name)
        {
            if (flag)
            {
                parts.Add(name);
            }
        }
    }
}
