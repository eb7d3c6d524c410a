namespace CityWarmth.Skills.WageDispute;

/// <summary>
/// Turns a case's facts into advice: the routes that fit (domain notes 5.3), the evidence still worth
/// gathering (5.4) and, for construction, who must pay under 《保障农民工工资支付条例》.
/// </summary>
public static class WageAdvisor
{
    public static IReadOnlyList<WageRoute> Routes(WageCase c, WageDeadlines deadlines)
    {
        var routes = new List<WageRoute>();
        var inspectionOpen = deadlines.Inspection.State != LimitState.Expired;
        routes.Add(new WageRoute(
            "劳动保障监察投诉",
            inspectionOpen ? "老板欠薪、能说清是谁欠的，两年内都可以投诉，由人社部门责令老板支付。" : "欠薪已超过两年，监察一般不再受理。",
            "到工作地的人社局劳动保障监察大队，或打12333，或在微信“国务院客户端”小程序“欠薪线索反映”提交。",
            deadlines.Inspection.Deadline,
            inspectionOpen));

        var arbitrationOpen = deadlines.Arbitration.State != LimitState.Expired;
        routes.Add(new WageRoute(
            "劳动争议仲裁（农民工工资争议速裁庭）",
            c.JobEnded == false
                ? "老板不认账、对金额有争议时用；在职期间不受一年时效限制。"
                : "老板不认账、对金额有争议时用；离职后一年内申请。",
            "向工作地的劳动人事争议仲裁委员会申请，不收费，可以口头申请；很多地方设有农民工工资争议速裁庭，处理更快。",
            deadlines.Arbitration.Deadline,
            arbitrationOpen));

        if (c.Evidence.Contains(EvidenceKind.IouOrSettlement))
        {
            routes.Add(new WageRoute(
                "拿欠条直接起诉",
                "老板写了工资欠条，其他没有争议时，可以直接向法院起诉。",
                "带欠条和身份证到当地人民法院立案。",
                null,
                true));
        }

        routes.Add(new WageRoute("12333 人社服务热线", "咨询政策、投诉举报欠薪。", "拨打12333（很多城市也可打12345）。", null, true));
        routes.Add(new WageRoute("12351 工会职工服务热线", "工会帮忙协调、维权。", "拨打12351。", null, true));
        routes.Add(new WageRoute("12348 法律援助热线", "免费法律咨询，农民工讨薪可申请法律援助，由律师代理。", "拨打12348，或到当地法律援助中心。", null, true));

        if (c.EmployerAbsconded)
        {
            routes.Add(new WageRoute("报警", "老板跑路、躲起来不给钱，可能构成拒不支付劳动报酬罪。", "拨打110或到当地派出所报案，同时向人社部门投诉。", null, true));
        }
        return routes;
    }

    public static IReadOnlyList<string> EvidenceToGather(WageCase c)
    {
        var held = c.Evidence.ToHashSet();
        var tips = new List<string>();
        void Need(EvidenceKind kind, string tip)
        {
            if (!held.Contains(kind))
            {
                tips.Add(tip);
            }
        }

        Need(EvidenceKind.IouOrSettlement, "请老板或班组长写欠条、结算单，签字按手印，写明金额和时间。");
        Need(EvidenceKind.Attendance, "整理考勤或记工本，最好有班组长签字。");
        Need(EvidenceKind.Chats, "保存和老板、包工头的微信聊天、语音、通话录音，不要删除。");
        Need(EvidenceKind.TransferRecords, "打印以前发工资的银行流水或微信、支付宝转账记录。");
        Need(EvidenceKind.Witnesses, "记下一起干活的工友姓名和电话，需要时请他们作证。");
        Need(EvidenceKind.WorkBadge, "保留工牌、工作证、工作服。");
        if (c.IsConstruction)
        {
            Need(EvidenceKind.SitePhotos, "拍下工地的维权信息告示牌和施工现场照片，记下总包单位名称。");
        }
        Need(EvidenceKind.Contract, "如果签过合同或协议，找出来保存好。");
        tips.Add("没有合同和工资条也不要放弃：用人单位必须保存合同、工资台账和工资清单，拿不出来要承担不利后果（《保障农民工工资支付条例》第五十条）。");
        return tips;
    }

    public static IReadOnlyList<string> WhoMustPay(WageCase c)
    {
        var notes = new List<string>();
        var viaIndividual = c.EmployerKind is WageDispute.EmployerKind.LabourContractor or WageDispute.EmployerKind.TeamLeader or WageDispute.EmployerKind.Individual;
        if (c.IsConstruction)
        {
            var contractor = string.IsNullOrWhiteSpace(c.GeneralContractor) ? "施工总承包单位（总包）" : $"施工总承包单位（{c.GeneralContractor}）";
            notes.Add($"分包单位或包工头欠薪的，由{contractor}先行清偿，再去追偿（条例第三十条）。");
            if (viaIndividual)
            {
                notes.Add("工程被分包、转包给没有资质的个人（包工头）的，由施工总承包单位或建设单位清偿（条例第三十六条）。");
            }
            notes.Add("建设单位没有按合同付工程款导致欠薪的，由建设单位在欠付工程款范围内先行垫付（条例第二十九条）。");
            notes.Add("违法建设的工程拖欠工资，由建设单位清偿（条例第三十七条）。");
            notes.Add("总包单位应通过农民工工资专用账户把工资直接发到你本人的银行卡（条例第二十六条、第三十一条）。");
        }
        else if (viaIndividual)
        {
            notes.Add("如果你是包工头或个人招来、在某个单位干活，由用工单位先清偿工资，再向招你的人追偿（条例第十八条）。");
            notes.Add("单位把活包给个人、或让别人挂靠经营的，欠薪由这个单位清偿（条例第十九条）。");
        }
        return notes;
    }
}
