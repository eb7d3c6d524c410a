namespace CityWarmth.Bot.Tests.Jobs;

/// <summary>Posting files as admins write them.</summary>
public static class JobFiles
{
    public const string Header = "title,trade,employer,district,payMin,payMax,payUnit,housingProvided,mealsProvided,ageMax,partTime,contactPhone,description,postedOn,expiresOn,source,sourceId";

    public static string Row(string sourceId, string title = "小区保安", string trade = "保安", string phone = "13800001111",
        string payMin = "4000", string payMax = "5000", string posted = "2026-11-20", string expires = "2027-01-31") =>
        $"{title},{trade},测试物业有限公司,东湖区,{payMin},{payMax},month,是,否,60,否,{phone},\"夜班，\"\"有补贴\"\"\",{posted},{expires},测试导入,{sourceId}";

    public static string Csv(params string[] rows) => string.Join("\n", [Header, .. rows]) + "\n";
}
