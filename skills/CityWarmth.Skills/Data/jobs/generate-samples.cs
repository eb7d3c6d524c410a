#:property PublishAot=false
// Generates sample-jobs.json: clearly marked sample postings and job fairs for demos and tests.
// Deterministic (fixed seed); run from this folder with `dotnet run generate-samples.cs` and commit the output.
// Phone numbers use the non-existent area code 0000 so no real person is ever called.
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

var rng = new Random(20261125);
var reference = new DateOnly(2026, 11, 25);
string[] districts = ["东湖区", "西城区", "南山区", "北港区", "高新区", "经开区"];
string[] streets = ["建设路", "人民路", "解放路", "工业大道", "科技园路", "港湾路", "新华街", "长江路", "滨江大道", "创业路", "光明路", "和平街"];
string[] brands = ["恒信", "顺达", "鑫源", "华美", "宏运", "嘉禾", "福安", "众诚", "远航", "金港", "瑞丰", "盛世", "新城", "永利", "安捷", "天元", "佳园", "志成", "汇通", "康宁"];

// trade, weight, titles, industry suffixes, unit, pay min range, pay span, typical age max, housing/meals odds, part-time odds, description
var trades = new (string Trade, int Weight, string[] Titles, string[] Employers, string Unit, int Low, int High, int Step, int[] AgeMax, double Housing, double Meals, double PartTime, string Hours, string Text)[]
{
    ("电工", 20, ["维修电工", "持证电工（物业）", "厂区电工", "水电工（装修）", "低压电工"], ["物业服务有限公司", "机电工程有限公司", "电子科技有限公司"], "month", 6500, 9500, 500, [50, 55, 0], 0.3, 0.5, 0.05, "8:00-17:30，月休4天", "负责日常用电设备巡检和维修，需持低压电工证。"),
    ("焊工", 14, ["电焊工", "氩弧焊工", "二保焊焊工", "钢结构焊工"], ["钢结构工程有限公司", "机械制造有限公司", "重工有限公司"], "month", 7000, 11000, 500, [50, 55, 0], 0.6, 0.6, 0.0, "8:00-18:00，加班另计", "会看图纸，有焊工证优先，按件计酬另有补贴。"),
    ("焊工", 5, ["电焊工（日结）", "临时焊工"], ["建筑劳务有限公司", "钢结构工程有限公司"], "day", 350, 450, 10, [55, 0], 0.3, 0.5, 0.6, "7:00-17:00", "工地钢结构焊接，当天结算。"),
    ("保安", 26, ["小区保安", "商场保安", "门卫（夜班）", "工厂门卫", "写字楼保安", "停车场管理员"], ["物业服务有限公司", "保安服务有限公司", "商业管理有限公司"], "month", 3800, 5200, 100, [55, 60, 60, 50], 0.35, 0.4, 0.05, "12小时两班倒，月休4天", "巡逻、门岗登记、车辆引导，身体健康即可。"),
    ("保洁", 24, ["写字楼保洁", "小区保洁", "商场保洁（早班）", "医院保洁", "学校保洁"], ["物业服务有限公司", "清洁服务有限公司", "环境服务有限公司"], "month", 3000, 4200, 100, [60, 60, 55, 65], 0.15, 0.5, 0.1, "7:00-16:00，做六休一", "公共区域清扫，有经验优先，年龄大些也可以。"),
    ("保洁", 7, ["钟点保洁（兼职）", "下午保洁（兼职）"], ["清洁服务有限公司", "家政服务有限公司"], "hour", 22, 30, 1, [60, 65], 0.0, 0.0, 1.0, "每天3-4小时，时间可商量", "按小时结算，适合接送孩子的工友。"),
    ("普工", 30, ["电子厂普工", "食品厂包装工", "汽配厂操作工", "服装厂车间工人", "注塑操作工", "流水线普工"], ["电子科技有限公司", "食品有限公司", "汽车零部件有限公司", "服饰有限公司", "塑胶制品有限公司"], "month", 5000, 7000, 200, [40, 45, 48, 50], 0.7, 0.7, 0.05, "两班倒，每天10-11小时", "长白班或两班倒，有社保，计时工资，入职即培训。"),
    ("叉车司机", 14, ["叉车司机（持证）", "仓库叉车工", "物流园叉车司机"], ["物流有限公司", "仓储服务有限公司", "供应链管理有限公司"], "month", 6000, 8500, 250, [50, 55, 0], 0.4, 0.6, 0.0, "8:00-18:00，月休4天", "需持叉车证（N1），会开电动叉车。"),
    ("厨师", 14, ["中餐厨师", "食堂厨师", "快餐店厨师", "面点师"], ["餐饮管理有限公司", "酒店有限公司", "团餐服务有限公司"], "month", 6000, 10000, 500, [50, 55, 0], 0.5, 1.0, 0.0, "9:30-14:00、16:30-21:00", "会做家常菜，能独立出菜，有健康证。"),
    ("厨师", 8, ["帮厨", "厨房切配", "食堂帮厨"], ["餐饮管理有限公司", "团餐服务有限公司"], "month", 4300, 5500, 100, [50, 55, 60], 0.4, 1.0, 0.05, "6:00-14:00", "洗菜切配、打荷、收拾厨房。"),
    ("快递分拣", 12, ["快递分拣员（夜班）", "分拣员", "电商仓分拣"], ["物流有限公司", "快递服务有限公司", "供应链管理有限公司"], "month", 5000, 6500, 100, [45, 50, 0], 0.5, 0.6, 0.0, "夜班20:00-次日6:00", "扫码分拣包裹，夜班有补贴，不需要经验。"),
    ("快递分拣", 7, ["快递分拣（日结）", "临时分拣工"], ["快递服务有限公司", "物流有限公司"], "day", 180, 240, 10, [50, 55], 0.0, 0.5, 1.0, "19:00-次日3:00", "当天干当天结，旺季长期要人。"),
    ("外卖骑手", 12, ["外卖骑手", "全职骑手", "兼职骑手"], ["即时配送服务有限公司", "同城配送有限公司"], "piece", 6, 9, 1, [50, 55], 0.1, 0.0, 0.4, "时间自由，午晚高峰必在线", "按单计酬，平台提供电动车租赁，多劳多得。"),
    ("瓦工", 8, ["瓦工", "贴砖师傅", "泥瓦工（家装）"], ["装饰工程有限公司", "建筑劳务有限公司"], "day", 350, 500, 10, [55, 60, 0], 0.3, 0.3, 0.3, "7:30-17:30", "家装贴砖、砌墙找平，自带工具优先。"),
    ("木工", 7, ["木工", "模板木工", "装修木工"], ["装饰工程有限公司", "建筑劳务有限公司"], "day", 350, 480, 10, [55, 60, 0], 0.4, 0.4, 0.2, "7:00-17:00", "吊顶、柜子或工地支模，熟手优先。"),
    ("油漆工", 5, ["油漆工", "刷墙师傅", "腻子工"], ["装饰工程有限公司"], "day", 300, 400, 10, [55, 60, 0], 0.2, 0.3, 0.3, "8:00-17:00", "批腻子、刷乳胶漆，活多长期做。"),
    ("家政", 12, ["住家保姆", "育儿嫂", "做饭保姆", "老人陪护", "钟点工"], ["家政服务有限公司", "养老服务有限公司"], "month", 5000, 8000, 500, [55, 55, 60], 0.6, 0.6, 0.15, "住家，月休4天", "照顾家庭起居，做饭干净，有健康证。"),
    ("月嫂", 5, ["金牌月嫂", "月嫂（26天）", "母婴护理师"], ["家政服务有限公司", "母婴护理服务有限公司"], "month", 9000, 15000, 1000, [55, 50], 0.9, 0.9, 0.0, "住家，26天一单", "照顾产妇和新生儿，有育婴师证优先。"),
    ("服务员", 14, ["餐厅服务员", "酒店服务员", "火锅店服务员", "传菜员", "收银员"], ["餐饮管理有限公司", "酒店有限公司", "商业管理有限公司"], "month", 4000, 5200, 100, [40, 45, 50], 0.5, 0.9, 0.05, "10:00-14:00、17:00-21:00", "点单上菜、收拾桌面，有员工宿舍。"),
    ("服务员", 5, ["周末服务员（兼职）", "小时工服务员"], ["餐饮管理有限公司", "酒店有限公司"], "hour", 20, 25, 1, [45, 50], 0.0, 0.8, 1.0, "周末或饭点，每次4小时", "按小时结算，适合学生和有空的工友。"),
    ("司机", 10, ["货车司机（C证）", "送货司机", "通勤班车司机", "工程车司机"], ["物流有限公司", "运输有限公司", "商贸有限公司"], "month", 6000, 9000, 500, [50, 55, 58], 0.3, 0.4, 0.0, "8:00-18:00，跑市内", "需驾龄3年以上，无不良驾驶记录。"),
    ("仓管", 10, ["仓管员", "仓库管理员", "库管（会电脑）"], ["物流有限公司", "商贸有限公司", "电子科技有限公司"], "month", 4800, 6500, 100, [40, 45, 50], 0.4, 0.6, 0.0, "8:30-17:30，做六休一", "出入库登记、盘点，会简单电脑操作。"),
    ("钢筋工", 8, ["钢筋工", "钢筋绑扎工", "钢筋工（工地）"], ["建筑劳务有限公司", "建设工程有限公司"], "day", 350, 480, 10, [55, 58, 60], 0.8, 0.6, 0.1, "6:30-17:30", "工地钢筋绑扎，会看图，工资按月结清。"),
    ("搬运工", 6, ["搬运工（日结）", "装卸工", "物流装卸工"], ["物流有限公司", "搬家服务有限公司"], "day", 200, 300, 10, [50, 55], 0.1, 0.3, 0.8, "按车次，一般白天", "装卸货物，力气活，当天结算。"),
};

var employerCache = new Dictionary<string, List<(string Name, string District)>>();
(string Name, string District) Employer(string suffix)
{
    if (!employerCache.TryGetValue(suffix, out var list))
    {
        employerCache[suffix] = list = [];
    }
    // Reuse an employer now and then, as real employers post several jobs.
    if (list.Count > 0 && rng.NextDouble() < 0.45)
    {
        return list[rng.Next(list.Count)];
    }
    var district = districts[rng.Next(districts.Length)];
    var name = $"示例市{district[..2]}{brands[rng.Next(brands.Length)]}{suffix}";
    var employer = (name, district);
    list.Add(employer);
    return employer;
}

int Pick(int low, int high, int step) => low + rng.Next((high - low) / step + 1) * step;

var totalWeight = trades.Sum(t => t.Weight);
var postings = new JsonArray();
for (var i = 1; i <= 320; i++)
{
    var roll = rng.Next(totalWeight);
    var t = trades.First(x => (roll -= x.Weight) < 0);
    var (employer, district) = Employer(t.Employers[rng.Next(t.Employers.Length)]);
    var title = t.Titles[rng.Next(t.Titles.Length)];
    var payMin = Pick(t.Low, t.High, t.Step);
    var payMax = Math.Min(payMin + t.Step * rng.Next(1, 6), t.High + t.Step * 4);
    var ageMax = t.AgeMax[rng.Next(t.AgeMax.Length)];
    var posted = reference.AddDays(-rng.Next(0, 46));
    // About one in twelve has already expired on the reference date; a few are open-ended.
    var expiryRoll = rng.NextDouble();
    DateOnly? expires = expiryRoll < 0.08 ? reference.AddDays(-rng.Next(1, 15))
        : expiryRoll < 0.95 ? posted.AddDays(rng.Next(30, 91)) : null;
    if (expires is { } e && e < posted)
    {
        posted = e.AddDays(-30);
    }
    var partTime = rng.NextDouble() < t.PartTime;
    var housing = rng.NextDouble() < t.Housing;
    var meals = rng.NextDouble() < t.Meals;
    postings.Add(new JsonObject
    {
        ["id"] = $"S{i:0000}",
        ["sourceId"] = $"S{i:0000}",
        ["title"] = title,
        ["trade"] = t.Trade,
        ["employer"] = employer,
        ["district"] = district,
        ["city"] = "示例市",
        ["address"] = $"{district}{streets[rng.Next(streets.Length)]}{rng.Next(1, 300)}号",
        ["payMin"] = payMin,
        ["payMax"] = payMax,
        ["payUnit"] = t.Unit,
        ["hours"] = partTime && t.Unit == "month" ? "兼职，每天4-6小时" : t.Hours,
        ["housingProvided"] = housing,
        ["mealsProvided"] = meals,
        ["ageMin"] = 18,
        ["ageMax"] = ageMax == 0 ? null : ageMax,
        ["partTime"] = partTime,
        ["contactPhone"] = $"0000-{rng.Next(1000000, 9999999)}",
        ["description"] = t.Text,
        ["postedOn"] = posted.ToString("yyyy-MM-dd"),
        ["expiresOn"] = expires?.ToString("yyyy-MM-dd"),
        ["source"] = "示例",
        ["isSample"] = true,
    });
}

JsonObject Fair(string id, string title, string kind, int days, string time, string hoursLong, string? place, string? url, string organiser, string[] fairDistricts, string[] fairTrades)
{
    var start = DateTimeOffset.Parse($"{reference.AddDays(days):yyyy-MM-dd}T{time}:00+08:00");
    return new JsonObject
    {
        ["id"] = id,
        ["title"] = title,
        ["kind"] = kind,
        ["startsAt"] = start.ToString("yyyy-MM-ddTHH:mm:sszzz"),
        ["endsAt"] = start.AddHours(double.Parse(hoursLong)).ToString("yyyy-MM-ddTHH:mm:sszzz"),
        ["place"] = place,
        ["onlineUrl"] = url,
        ["organiser"] = organiser,
        ["districts"] = new JsonArray([.. fairDistricts.Select(d => (JsonNode)d)]),
        ["trades"] = new JsonArray([.. fairTrades.Select(d => (JsonNode)d)]),
        ["source"] = "示例",
        ["isSample"] = true,
    };
}

var fairs = new JsonArray
{
    Fair("F001", "冬季农民工专场招聘会（示例）", "招聘会", 3, "09:00", "4", "示例市人力资源市场（东湖区人民路1号）", null, "示例市人力资源和社会保障局", ["东湖区", "西城区"], ["普工", "保安", "保洁", "厨师"]),
    Fair("F002", "制造业用工直播带岗（示例）", "直播带岗", 6, "19:30", "2", null, "https://example.org/live/manufacturing", "示例市就业服务中心", ["经开区", "高新区"], ["普工", "叉车司机", "仓管"]),
    Fair("F003", "建筑业农民工招聘会（示例）", "招聘会", 12, "08:30", "5", "北港区劳务市场（北港区港湾路18号）", null, "北港区人力资源和社会保障局", ["北港区"], ["钢筋工", "木工", "瓦工", "焊工"]),
    Fair("F004", "家政服务专场招聘（示例）", "招聘会", 19, "09:30", "3", "南山区社区服务中心（南山区光明路66号）", null, "南山区妇联、示例市家政协会", ["南山区"], ["家政", "月嫂", "保洁"]),
    Fair("F005", "春风行动返乡就业直播带岗（示例）", "直播带岗", 33, "20:00", "2", null, "https://example.org/live/spring", "示例市就业服务中心", [], []),
    Fair("F006", "秋季人力资源市场招聘会（示例，已结束）", "招聘会", -6, "09:00", "4", "示例市人力资源市场（东湖区人民路1号）", null, "示例市人力资源和社会保障局", [], []),
};

var root = new JsonObject
{
    ["note"] = "示例数据：由 generate-samples.cs 生成，单位、电话均为虚构（区号 0000 不存在），仅供演示和测试。加载时日期按 referenceDate 平移到当天。",
    ["referenceDate"] = reference.ToString("yyyy-MM-dd"),
    ["postings"] = postings,
    ["fairs"] = fairs,
};
var json = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
File.WriteAllText("sample-jobs.json", json + "\n");
Console.WriteLine($"{postings.Count} postings, {fairs.Count} fairs");
