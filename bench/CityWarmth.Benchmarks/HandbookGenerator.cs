using System.Text;
using System.Text.Json;

namespace CityWarmth.Benchmarks;

/// <summary>
/// Writes synthetic but realistic handbook pages (Markdown with headings, plus the metadata sidecar the corpus
/// loader needs) and questions about them, all from a fixed seed so runs compare.
/// </summary>
public sealed class HandbookGenerator(int seed = 2023)
{
    private static readonly string[] Cities = ["东湖区", "西城区", "南山区", "北塘区", "江北新区", "高新区", "临港片区", "经开区", "滨江区", "城东街道", "河西新城", "青山镇"];

    private static readonly (string Topic, string Office, string[] Materials)[] Topics =
    [
        ("保障性租赁住房申请", "住房和城乡建设局", ["身份证", "劳动合同", "社保缴费证明", "居住证"]),
        ("工伤认定", "人力资源和社会保障局", ["工伤认定申请表", "劳动关系证明", "医疗诊断证明"]),
        ("欠薪投诉", "劳动保障监察大队", ["身份证", "考勤记录", "工资条或转账记录", "工友证言"]),
        ("职业技能培训补贴", "就业服务中心", ["身份证", "培训合格证书", "银行卡"]),
        ("随迁子女入学", "教育局", ["居住证", "户口簿", "父母就业证明", "疫苗接种证明"]),
        ("法律援助", "司法局法律援助中心", ["身份证", "经济困难说明", "案件材料"]),
        ("城乡居民医保参保", "医疗保障局", ["身份证", "户口簿"]),
        ("失业登记", "街道社区服务中心", ["身份证", "解除劳动合同证明"]),
        ("创业担保贷款", "人力资源和社会保障局", ["身份证", "营业执照", "创业计划书"]),
        ("居住证办理", "公安派出所", ["身份证", "租房合同", "近期照片"]),
        ("灵活就业社保补贴", "社会保险经办机构", ["身份证", "灵活就业登记证明", "缴费凭证"]),
        ("工会入会", "区总工会", ["身份证", "入会申请书"]),
    ];

    private static readonly string[] Groups = ["外出务工人员", "新就业形态劳动者", "建筑工地工人", "快递骑手", "家政服务人员", "返乡创业人员"];

    private static readonly string[] Days = ["5个工作日", "10个工作日", "15个工作日", "20个工作日", "30日"];

    private readonly Random _random = new(seed);

    public sealed record Page(string Id, string Title, string Markdown);

    public IReadOnlyList<Page> Pages(int count) => [.. Enumerable.Range(1, count).Select(MakePage)];

    /// <summary>Questions in workers' own words, each about one generated topic in one place.</summary>
    public IReadOnlyList<string> Questions(int count)
    {
        string[] forms =
        [
            "{0}的{1}怎么办理{2}?", "在{0}打工,{2}要带什么材料?", "{1}去哪里申请{2}", "{2}多久能办好?{0}",
            "我是{1},在{0}能不能办{2}", "{0}{2}找哪个部门", "办{2}要交钱吗", "{2}需要什么条件?我在{0}",
        ];
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var topic = Topics[_random.Next(Topics.Length)].Topic;
            return string.Format(forms[i % forms.Length], Cities[_random.Next(Cities.Length)], Groups[_random.Next(Groups.Length)], topic) + $" {i}";
        })];
    }

    public void WriteFolder(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        foreach (var page in Pages(count))
        {
            File.WriteAllText(Path.Combine(folder, page.Id + ".md"), page.Markdown);
            File.WriteAllText(Path.Combine(folder, page.Id + ".md.meta.json"), JsonSerializer.Serialize(new
            {
                id = page.Id,
                title = page.Title,
                issuer = "城暖服务中心",
                date = "2024-03-01",
                region = "示例市",
            }));
        }
    }

    private Page MakePage(int n)
    {
        var city = Cities[_random.Next(Cities.Length)];
        var (topic, office, materials) = Topics[_random.Next(Topics.Length)];
        var group = Groups[_random.Next(Groups.Length)];
        var title = $"{city}{topic}办事指南(第{n}号)";
        var md = new StringBuilder();
        md.AppendLine($"# {title}").AppendLine();
        md.AppendLine("## 一、适用对象").AppendLine();
        md.AppendLine($"在{city}务工的{group},以及与用人单位建立劳动关系的农民工,均可按本指南申请{topic}。"
            + $"用人单位应当配合提供必要的证明,不得以任何理由拒绝。").AppendLine();
        md.AppendLine("## 二、办理材料").AppendLine();
        foreach (var m in materials.OrderBy(_ => _random.Next()))
        {
            md.AppendLine($"- {m}(原件及复印件各一份)");
        }
        md.AppendLine().AppendLine("## 三、办理流程").AppendLine();
        md.AppendLine($"1. 携带上述材料到{city}{office}窗口或通过政务服务网提交申请。");
        md.AppendLine($"2. 工作人员当场审核材料,材料不全的一次性告知需要补充的内容。");
        md.AppendLine($"3. 审核通过后,在{Days[_random.Next(Days.Length)]}内办结,并通过短信告知结果。").AppendLine();
        md.AppendLine("## 四、收费与时限").AppendLine();
        md.AppendLine($"{topic}不收取任何费用。对办理结果有异议的,可以在收到结果之日起60日内申请复核。").AppendLine();
        md.AppendLine("## 五、咨询方式").AppendLine();
        md.AppendLine($"咨询电话:12333(工作日9:00—17:30);也可以到{city}{office}现场咨询。遇到欠薪等紧急情况,请拨打12345政务服务热线。");
        return new Page($"page-{n:D4}", title, md.ToString());
    }
}
