using System.Text.RegularExpressions;

namespace CityWarmth.Knowledge.Search;

/// <summary>What a question asks for, judged from how it asks; several can apply ("收不收钱" asks for a fee and a yes/no).</summary>
[Flags]
public enum AnswerKind
{
    None = 0,
    Phone = 1,
    Address = 2,
    OpeningHours = 4,

    /// <summary>A time limit or a length of time: "30日内", "36个月", "一年".</summary>
    Duration = 8,

    /// <summary>When something happens: "3月1日至3月31日", "6月至9月", "20日前".</summary>
    Date = 16,
    Money = 32,

    /// <summary>Whether something costs money.</summary>
    Fee = 64,
    Materials = 128,
    YesNo = 256,

    /// <summary>How to do something: the steps of a list.</summary>
    Procedure = 512,

    /// <summary>A rate or share: "5%至12%", "千分之五", "降低10个百分点".</summary>
    Rate = 1024,
}

/// <summary>
/// Recognises what a question asks for, and which texts hold a value of that kind (a phone number, an address, a
/// time limit...). Both work on text in matching form (<see cref="Text.TextNormalizer.ForMatching"/>).
/// </summary>
public static partial class AnswerKinds
{
    private static readonly (AnswerKind Kind, Regex Asks, Regex Holds, string[] Cues)[] Kinds =
    [
        (AnswerKind.Phone, AsksPhone(), HoldsPhone(), ["电话", "热线", "号码", "联系"]),
        (AnswerKind.Address, AsksAddress(), HoldsAddress(), ["地址", "地点", "窗口", "位置", "办理点", "网点", "站点"]),
        (AnswerKind.OpeningHours, AsksHours(), HoldsHours(), ["时间", "开放", "办公"]),
        (AnswerKind.Duration, AsksDuration(), HoldsDuration(), ["时限", "期限", "时效", "时间", "期间"]),
        (AnswerKind.Date, AsksDate(), HoldsDate(), ["时间", "日期"]),
        (AnswerKind.Money, AsksMoney(), HoldsMoney(), ["标准", "金额", "补贴", "津贴"]),
        (AnswerKind.Fee, AsksFee(), HoldsFee(), ["收费", "费用", "花钱", "免费"]),
        (AnswerKind.Materials, AsksMaterials(), HoldsMaterials(), ["材料", "证件", "资料", "手续"]),
        (AnswerKind.YesNo, AsksYesNo(), HoldsRule(), []),
        (AnswerKind.Procedure, AsksProcedure(), HoldsNothing(), ["流程", "步骤", "程序", "怎么", "怎样", "如何"]),
        (AnswerKind.Rate, AsksRate(), HoldsRate(), ["比例", "费率", "标准"]),
    ];

    /// <summary>The question with its dialect question words in their Mandarin form (matching form in and out).</summary>
    public static string WithMandarinQuestionWords(string normalizedQuestion) => Text.DialectWords.QuestionToMandarin(normalizedQuestion);

    /// <summary>What <paramref name="normalizedQuestion"/> asks for.</summary>
    public static AnswerKind Of(string normalizedQuestion)
    {
        normalizedQuestion = WithMandarinQuestionWords(normalizedQuestion);
        var kinds = AnswerKind.None;
        foreach (var (kind, asks, _, _) in Kinds)
        {
            if (asks.IsMatch(normalizedQuestion))
            {
                kinds |= kind;
            }
        }

        // "要不要拿劳动合同去" asks about materials without saying the word.
        if (BringsDocument().IsMatch(normalizedQuestion))
        {
            kinds |= AnswerKind.Materials;
        }

        // A word naming a kind of thing, asked about by no question word, may only set the scene ("材料交齐了几天能拿到"
        // asks for a time limit, not for materials): when another kind is asked for by a question word, it is dropped.
        var asked = kinds & ~AnswerKind.YesNo;
        if (System.Numerics.BitOperations.PopCount((uint)asked) > 1)
        {
            var withoutStatedNames = StatedKindName().Replace(normalizedQuestion, " ");
            var byQuestionWord = AnswerKind.None;
            foreach (var (kind, asks, _, _) in Kinds)
            {
                if ((asked & kind) != 0 && asks.IsMatch(withoutStatedNames))
                {
                    byQuestionWord |= kind;
                }
            }

            if (BringsDocument().IsMatch(withoutStatedNames))
            {
                byQuestionWord |= AnswerKind.Materials;
            }

            if (byQuestionWord != AnswerKind.None)
            {
                kinds = byQuestionWord | (kinds & AnswerKind.YesNo);
            }
        }

        // "去哪里举报" is answered by a place or by a number to call.
        if ((kinds & AnswerKind.Address) != 0 && AsksChannel().IsMatch(normalizedQuestion))
        {
            kinds |= AnswerKind.Phone;
        }

        // "几点开门" asks for opening hours, not a date; "哪几天" may ask for either.
        if ((kinds & AnswerKind.OpeningHours) != 0 && (kinds & AnswerKind.Date) != 0 && HoursWords().IsMatch(normalizedQuestion))
        {
            kinds &= ~AnswerKind.Date;
        }

        return kinds;
    }

    /// <summary>The kinds of value <paramref name="normalizedText"/> holds, among <paramref name="wanted"/>.</summary>
    /// <param name="listItem">The text is an item of a list, where one document named is a list of materials.</param>
    public static AnswerKind Held(string normalizedText, AnswerKind wanted = (AnswerKind)~0, bool listItem = false)
    {
        var held = AnswerKind.None;
        foreach (var (kind, _, holds, _) in Kinds)
        {
            if ((wanted & kind) == 0)
            {
                continue;
            }

            var matches = kind switch
            {
                AnswerKind.Materials => HoldsMaterialList(normalizedText, listItem),
                AnswerKind.Procedure => listItem,
                _ => holds.IsMatch(normalizedText),
            };
            if (matches)
            {
                held |= kind;
            }
        }

        return held;
    }

    // A list of materials names several documents, or is told to be brought or handed in; one contract mentioned in
    // passing ("签订劳动合同的") is not one.
    private static bool HoldsMaterialList(string text, bool listItem)
    {
        var named = HoldsMaterials().Matches(text).Select(m => m.Value).Distinct().Count();
        return named >= 2 || (named == 1 && (listItem || BringVerb().IsMatch(text)));
    }

    /// <summary>The kinds a table column's header names ("咨询电话", "受理地点", "每月应缴(元)", "开放时间"), for rows
    /// whose values alone do not show it.</summary>
    public static AnswerKind NamedByHeader(string normalizedHeader)
    {
        var named = AnswerKind.None;
        foreach (var (kind, _, _, cues) in Kinds)
        {
            if (kind is AnswerKind.Phone or AnswerKind.Address or AnswerKind.Money && cues.Any(c => normalizedHeader.Contains(c, StringComparison.Ordinal)))
            {
                named |= kind;
            }
        }

        if (MoneyHeader().IsMatch(normalizedHeader))
        {
            named |= AnswerKind.Money;
        }

        if (HoursHeader().IsMatch(normalizedHeader))
        {
            named |= AnswerKind.OpeningHours;
        }

        return named;
    }

    /// <summary>
    /// The words of <paramref name="normalizedQuestion"/> that ask for a kind of value ("关门" in "几点关门", "多久"):
    /// they say what is asked, not which of several values, so they do not choose among a passage's sentences. The
    /// forms that ask about money wrap the thing paid ("交学费", "补贴多少"), which does choose, and are left out.
    /// </summary>
    public static IReadOnlyList<string> AskingWords(string normalizedQuestion, AnswerKind kinds)
    {
        var words = new List<string>();
        foreach (var (kind, asks, _, _) in Kinds)
        {
            if ((kinds & kind) != 0 && kind is not (AnswerKind.YesNo or AnswerKind.Money or AnswerKind.Fee))
            {
                words.AddRange(asks.Matches(normalizedQuestion).Select(m => m.Value));
            }
        }

        return words;
    }

    /// <summary>
    /// The unit a question counts a length of time in ("多少天" days, "几个月" months, "几年" years), or null: of two
    /// time limits in a section, the one in that unit is likelier the answer.
    /// </summary>
    public static string? DurationUnit(string normalizedQuestion)
    {
        var match = AsksDurationUnit().Match(normalizedQuestion);
        return !match.Success ? null : match.Groups["unit"].Value switch
        {
            "月" => "月",
            "年" => "年",
            _ => "日",
        };
    }

    /// <summary>True when <paramref name="normalizedText"/> gives a length of time in <paramref name="unit"/>
    /// (<see cref="DurationUnit"/>; days also as "天" or "工作日"), or says it is done at once (当场, 即时), which
    /// answers a question in any unit.</summary>
    public static bool HoldsDurationIn(string normalizedText, string unit) =>
        HoldsDuration().Matches(normalizedText).Any(m => m.Value[0] is '当' or '即' or '立' || (unit == "日"
            ? m.Value.Contains('日') || m.Value.Contains('天')
            : m.Value.Contains(unit, StringComparison.Ordinal)));

    [GeneratedRegex(@"(多少|几)(个)?(工作)?(?<unit>天|日|月|年)")]
    private static partial Regex AsksDurationUnit();

    /// <summary>Words a heading or answer about <paramref name="kinds"/> tends to use ("电话" for a phone number).</summary>
    public static IEnumerable<string> Cues(AnswerKind kinds) =>
        Kinds.Where(k => (kinds & k.Kind) != 0).SelectMany(k => k.Cues).Distinct();

    /// <summary>The values of <paramref name="kind"/> in <paramref name="normalizedText"/>, in order.</summary>
    public static IReadOnlyList<string> Values(string normalizedText, AnswerKind kind)
    {
        var entry = Kinds.FirstOrDefault(k => k.Kind == kind);
        return entry.Holds is null ? [] : [.. entry.Holds.Matches(normalizedText).Select(m => m.Value).Distinct()];
    }

    // A column of amounts: its unit in the header ("缴费基数(元/月)"), or what it counts ("应缴", "费用").
    [GeneratedRegex(@"[(（]元|元/|[(（]万元|应缴|缴费|费用|工资|收费")]
    private static partial Regex MoneyHeader();

    [GeneratedRegex(@"开放|办公时间|营业|服务时间|办理时间|受理时间|工作时间")]
    private static partial Regex HoursHeader();

    // ---- how questions ask ----

    // A name of a kind of thing with no question word next to it ("材料交齐了", not "什么材料", "电话多少").
    [GeneratedRegex(@"(?<!(什么|哪些|啥|哪个|哪|多少|几|要|带|需要|准备|提交|交)\s?)(材料|证件|资料|手续|电话|号码|热线|地址|地点|位置|期限|时限|时效|费用|收费|金额|日期)(?!\s?(是|有|要|打|在)?\s?(多少|什么|哪|几|啥|吗|呢))")]
    private static partial Regex StatedKindName();

    // Where to report or ask, which a hotline answers as well as an office.
    [GeneratedRegex(@"(哪里|哪儿|哪|什么地方|找谁)[^,.?!]{0,3}(举报|投诉|反映|求助|咨询|告)")]
    private static partial Regex AsksChannel();

    // A paper to bring or hand in, asked about by name ("要不要拿劳动合同去", "户口本用不用带").
    [GeneratedRegex(@"(带|拿|交|提供|准备|出示|递交)[^,.?!]{0,6}(身份证|户口本|户口簿|合同|证明|照片|相片|复印件|证书|银行卡|社保卡|结婚证|毕业证|营业执照|工资条)|(身份证|户口本|户口簿|合同|证明|照片|相片|复印件|证书|银行卡|社保卡|结婚证|毕业证|营业执照|工资条)[^,.?!]{0,4}(要不要|用不用|需不需要|得不得|要|用|需要)(带|拿|交|提供)")]
    private static partial Regex BringsDocument();

    [GeneratedRegex(@"电话|号码|热线|手机号|联系方式|怎么联系|打哪个|打什么|打几号|打多少|拨打|拨哪个")]
    private static partial Regex AsksPhone();

    [GeneratedRegex(@"在哪|哪里|哪儿|哪个地方|什么地方|啥地方|什么位置|哪个位置|地址|地点|位置|去哪|到哪|哪条街|哪条路|怎么走|怎么去|咋去|哪个窗口|哪个区")]
    private static partial Regex AsksAddress();

    [GeneratedRegex(@"几点|几时开|开门|关门|上班时间|下班|办公时间|开放时间|营业|周末|周六|周日|星期几|节假日|哪天开|哪几天|哪些天|什么时间开|什么时候开|开放")]
    private static partial Regex AsksHours();

    [GeneratedRegex(@"几点|几时开|开门|关门|上班时间|下班|办公时间|开放时间|营业|开放")]
    private static partial Regex HoursWords();

    [GeneratedRegex(@"多少天|几天|多久|多长时间|多长|多少时间|期限|时限|时效|最晚|最迟|最多.{0,6}(多长|多久|几年|几个月|多少个月)|多少个月|几个月|几年|多少年|有效期|多少日|几日|截止|多少个工作日|几个工作日")]
    private static partial Regex AsksDuration();

    [GeneratedRegex(@"什么时候|啥时候|何时|哪天|几月|哪个月|哪几个月|几号|什么日子|日期|哪一天|哪几天|哪些天")]
    private static partial Regex AsksDate();

    [GeneratedRegex(@"多少钱|多少元|几块|多少块|补多少|给多少|发多少|拿多少|领多少|能补|补贴多少|多少补贴|津贴多少|标准是多少|标准多少|金额|多少万|钱数|(补贴|津贴|工资|费|钱|奖励|补助).{0,2}多少|多少.{0,2}(补贴|津贴|工资|费|钱|补助)")]
    private static partial Regex AsksMoney();

    [GeneratedRegex(@"收费|收钱|收不收|要钱|要不要钱|花钱|免费|交钱|掏钱|费用|给钱吗|收.{0,2}费|交.{0,2}费")]
    private static partial Regex AsksFee();

    [GeneratedRegex(@"材料|带什么|带哪些|带啥|带上什么|准备什么|准备哪些|准备啥|什么证|证件|手续|提交什么|交什么|要什么东西|什么东西|哪些东西|资料")]
    private static partial Regex AsksMaterials();

    // Also a verb with 不 or 没 after it at the end of a clause, as spoken questions end ("开门不", "发了没").
    [GeneratedRegex(@"吗|能不能|可不可以|可以不|行不行|行不|是否|有没有|要不要|算不算|会不会|是不是|该不该|合不合法|违法|允许|能否|可否|用不用|需不需要|需要不|(?<=\p{IsCJKUnifiedIdeographs})(不|没有|没)(?=$|[\s?,.!~])")]
    private static partial Regex AsksYesNo();

    [GeneratedRegex(@"怎么(办理|申请|报名|备案|登记|操作|弄|领|申领|查询|缴纳|交)|怎样(办理|申请|报名|备案|登记|操作|领)|如何(办理|申请|报名|备案|登记|操作|申领|查询)|流程|步骤|手续怎么|程序")]
    private static partial Regex AsksProcedure();

    [GeneratedRegex(@"比例|百分之|百分比|几个点|多少个点|费率|几成|多少%")]
    private static partial Regex AsksRate();

    // ---- which texts hold the value ----

    [GeneratedRegex(@"\d+(\.\d+)?\s*%|百分之|千分之|个百分点|[一二三四五六七八九十]成")]
    private static partial Regex HoldsRate();

    [GeneratedRegex(@"(?!)")]
    private static partial Regex HoldsNothing();

    // Area code and number, a mobile, a 400 number, or a public service line (12333, 12348...).
    [GeneratedRegex(@"(?<!\d)(0\d{2,3}-?\s?\d{7,8}|1[3-9]\d{9}|400-?\d{3}-?\d{4}|12\d{3}|96\d{3,4})(?!\d)")]
    private static partial Regex HoldsPhone();

    [GeneratedRegex(@"\d+号(?![文令])|[路街巷道]\d|\p{IsCJKUnifiedIdeographs}{1,8}(路|街|大道|巷|广场|大厦|大楼|公园|医院|市场|码头|小区|社区)|\p{IsCJKUnifiedIdeographs}{1,8}(?<!网)站|[\d一二三四五六七八九十]+(楼|层)|\d+室|窗口|大厅|服务中心|[东南西北]门")]
    private static partial Regex HoldsAddress();

    [GeneratedRegex(@"\d{1,2}:\d{2}|\d{1,2}(点|时)(半|\d{1,2}分)?|周[一二三四五六日天]|星期[一二三四五六日天]|工作日|节假日|24小时|全天|上午|下午|早上|晚上")]
    private static partial Regex HoldsHours();

    [GeneratedRegex(@"(?<![\d月])\d{1,3}(\.\d+)?\s*(个)?(工作日|日|天|周|星期|个月|年(?!\d)|小时)(内|以内|之内)?|[一二三四五六七八九十百两半]+(个)?(工作日|日|天|周|星期|个月|年|小时)(内|以内|之内)?|当场(办结|发放|办理|领取|发证|制证)|当日(办结|发放|办理|领取)|即时办结|即办即取|立等可取")]
    private static partial Regex HoldsDuration();

    [GeneratedRegex(@"\d{1,2}月\d{1,2}日|\d{1,2}月(至|到|-)\d{1,2}月|\d{1,2}日(前|之前|以前)|每(年|月|季度|半年)|季度|\d{4}年\d{1,2}月|月底|月初|年底|次月|当月")]
    private static partial Regex HoldsDate();

    [GeneratedRegex(@"\d+(\.\d+)?\s*(元|万元|块)|[一二三四五六七八九十百千万两]+(元|块)|免费|不收")]
    private static partial Regex HoldsMoney();

    [GeneratedRegex(@"免费|免收|全免|不收|收取|收费|费用|[学杂会]费|手续费|工本费|\d+(\.\d+)?\s*元|财物|千分之|\d+(\.\d+)?\s*%")]
    private static partial Regex HoldsFee();

    [GeneratedRegex(@"身份证|证明|材料|申请表|登记表|合同|复印件|照片|证书|户口|银行卡|证件|表格|原件")]
    private static partial Regex HoldsMaterials();

    [GeneratedRegex(@"携带|带上|带好|提交|提供|准备|出示|递交|材料")]
    private static partial Regex BringVerb();

    // Words that state a rule: what may, must or must not be done.
    [GeneratedRegex(@"可以|不得|不能|不予|应当|应该|必须|禁止|有权|不受|无需|不用|不需要|免费|不收|允许|无权|严禁|不准|享受|给予|不超过|以上|以内")]
    private static partial Regex HoldsRule();
}
