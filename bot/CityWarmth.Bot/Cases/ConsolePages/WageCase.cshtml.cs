using CityWarmth.Bot.Accounts;
using CityWarmth.Skills.WageDispute;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityWarmth.Bot.Cases.ConsolePages;

/// <summary>
/// One wage case: the facts as the complaint sheet reads them, where it stands, the notes, and the forms that move it
/// along (claim, refer, close, a note private or for the worker). Every change goes through <see cref="WageCaseDesk"/>,
/// as the admin API's do: audited, and told to the worker.
/// </summary>
public sealed class WageCaseModel(IWageCaseStore store, WageCaseDesk desk, AuditLog audit) : PageModel
{
    public WageCase Case { get; private set; } = null!;
    public WageFactSummary Facts { get; private set; } = null!;

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? Error { get; set; }

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(number, cancellationToken) is not { } wageCase)
        {
            return NotFound();
        }
        // The page shows the worker's name and phone number.
        await audit.WriteAsync(User, WageCaseDesk.AuditView, WageCaseDesk.AuditTarget(number), null, cancellationToken);
        Case = wageCase;
        Facts = WageFactSheet.Of(wageCase);
        ViewData["Page"] = "wagecase";
        return Page();
    }

    public Task<IActionResult> OnPostClaimAsync(string number, CancellationToken cancellationToken) =>
        ChangeAsync(number, new WageCaseChange(Status: WageCaseStatus.Claimed), "已接手，已通知工友", cancellationToken);

    public Task<IActionResult> OnPostNoteAsync(string number, [FromForm] string? noteText, [FromForm] bool forWorker, CancellationToken cancellationToken) =>
        ChangeAsync(number, forWorker ? new WageCaseChange(NoteForWorker: noteText ?? "") : new WageCaseChange(PrivateNote: noteText ?? ""),
            forWorker ? "留言已发给工友" : "备注已保存", cancellationToken);

    public Task<IActionResult> OnPostReferAsync(string number, [FromForm] WageCaseReferralBody? body, [FromForm] string? referralNumber,
        [FromForm] string? noteText, CancellationToken cancellationToken) =>
        ChangeAsync(number, new WageCaseChange(Status: WageCaseStatus.Referred, ReferralBody: body, ReferralNumber: referralNumber, NoteForWorker: noteText),
            "已转交，已通知工友", cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(string number, [FromForm] WageCaseOutcome? outcome, [FromForm] decimal? amountRecovered,
        [FromForm] string? noteText, CancellationToken cancellationToken) =>
        ChangeAsync(number, new WageCaseChange(Status: WageCaseStatus.Closed, Outcome: outcome, AmountRecovered: amountRecovered, NoteForWorker: noteText),
            "已办结，已通知工友", cancellationToken);

    private async Task<IActionResult> ChangeAsync(string number, WageCaseChange change, string done, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Error = "填写的内容格式不对，请检查后再提交。";
            return Redirect(PageUrl(number));
        }
        var report = await desk.ChangeAsync(number, change, User, cancellationToken);
        switch (report.Result)
        {
            case WageCaseChangeResult.NotFound:
                return NotFound();
            case WageCaseChangeResult.Ok:
                Notice = report.WorkerNotified == false ? done.Replace("已通知工友", "但通知没能送到工友", StringComparison.Ordinal) : done;
                break;
            case WageCaseChangeResult.Conflict:
                Error = "这个案件的状态已经变了，请刷新后再看。";
                break;
            default:
                Error = "内容不符合要求：" + string.Join(" ", report.Errors.Keys.Select(FieldLabel));
                break;
        }
        return Redirect(PageUrl(number));
    }

    private static string PageUrl(string number) => "/console/wagecases/" + Uri.EscapeDataString(number);

    private static string FieldLabel(string field) => field switch
    {
        "outcome" => "请选择结果。",
        "amountRecovered" => "追回金额要与结果相符（全部或部分追回时填大于0的金额）。",
        "referralBody" => "请选择转交部门。",
        "referralNumber" => "请填写对方的受理编号。",
        "note" or "privateNote" => "留言太长或为空。",
        _ => "请检查填写的内容。",
    };
}
