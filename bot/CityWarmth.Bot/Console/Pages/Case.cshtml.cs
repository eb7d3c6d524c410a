using System.Text.Json.Nodes;
using CityWarmth.Bot.Accounts;
using CityWarmth.Bot.Handoff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace CityWarmth.Bot.Console.Pages;

/// <summary>One case: the packet beside the live conversation, notes, transfer and close.</summary>
public sealed class CaseModel(HandoffDesk desk, AccountService accounts, AuditLog audit, IOptions<HandoffOptions> options, TimeProvider clock) : PageModel
{
    public HandoffCase Case { get; private set; } = null!;
    public JsonObject Packet { get; private set; } = [];
    public IReadOnlyList<HandoffNote> Notes { get; private set; } = [];
    public IReadOnlyList<ConsoleUser> TransferTargets { get; private set; } = [];
    public IReadOnlyList<string> CannedReplies => options.Value.CannedReplies;
    public bool CanSend { get; private set; }
    public bool CanClose { get; private set; }
    public TimeSpan Waiting { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var handoff = await desk.FindAsync(id, cancellationToken);
        if (handoff is null)
        {
            return NotFound();
        }
        var actor = ConsoleClaims.Actor(User);
        if (!HandoffDesk.CanView(handoff, actor))
        {
            return Forbid();
        }
        // The packet holds the worker's own words and any intake answers (names, phone numbers).
        await audit.WriteAsync(User, AuditActions.CaseViewed, "case:" + id, null, cancellationToken);

        Case = handoff;
        Packet = JsonNode.Parse(handoff.PacketJson) as JsonObject ?? [];
        Notes = await desk.NotesAsync(id, cancellationToken);
        CanSend = HandoffDesk.CanAct(handoff, actor);
        CanClose = CanSend || (actor.IsAdmin && handoff.Status == HandoffStatuses.Queued);
        Waiting = (handoff.ClaimedAt ?? handoff.ClosedAt ?? clock.GetUtcNow()) - handoff.CreatedAt;
        if (CanSend)
        {
            TransferTargets = [.. (await accounts.ListAsync(cancellationToken)).Where(u => !u.Disabled && u.Id != handoff.AssignedTo)];
        }
        ViewData["Page"] = "case";
        ViewData["CaseId"] = id.ToString();
        ViewData["CanSend"] = CanSend ? "true" : "false";
        return Page();
    }

    public async Task<IActionResult> OnPostClaimAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await desk.ClaimAsync(id, ConsoleClaims.Actor(User), cancellationToken);
        if (result == DeskResult.Ok)
        {
            await audit.WriteAsync(User, AuditActions.CaseClaimed, "case:" + id, null, cancellationToken);
        }
        return After(result, id, "已接手");
    }

    public async Task<IActionResult> OnPostNoteAsync(Guid id, [FromForm] string? noteText, CancellationToken cancellationToken) =>
        After(await desk.AddNoteAsync(id, ConsoleClaims.Actor(User), noteText ?? "", cancellationToken), id, "备注已保存");

    public async Task<IActionResult> OnPostTransferAsync(Guid id, [FromForm] int targetUserId, CancellationToken cancellationToken)
    {
        var target = await accounts.FindAsync(targetUserId, cancellationToken);
        if (target is null || target.Disabled)
        {
            return After(DeskResult.Invalid, id, null);
        }
        var result = await desk.TransferAsync(id, ConsoleClaims.Actor(User), new ConsoleActor(target.Id, target.DisplayName, target.Role == ConsoleRoles.Admin), cancellationToken);
        if (result == DeskResult.Ok)
        {
            await audit.WriteAsync(User, AuditActions.CaseTransferred, "case:" + id, "to user:" + target.Id, cancellationToken);
            Notice = $"已转给{target.DisplayName}";
            return Redirect("/console");
        }
        return After(result, id, null);
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id, [FromForm] string? outcome, [FromForm] string? outcomeNote, CancellationToken cancellationToken)
    {
        var result = await desk.CloseAsync(id, ConsoleClaims.Actor(User), outcome ?? "", outcomeNote, cancellationToken);
        if (result == DeskResult.Ok)
        {
            await audit.WriteAsync(User, AuditActions.CaseClosed, "case:" + id, outcome, cancellationToken);
            Notice = "已结束，工友已回到机器人";
            return Redirect("/console");
        }
        return After(result, id, null);
    }

    private IActionResult After(DeskResult result, Guid id, string? okNotice)
    {
        switch (result)
        {
            case DeskResult.Ok:
                Notice = okNotice;
                return Redirect($"/console/cases/{id}");
            case DeskResult.NotFound:
                return NotFound();
            case DeskResult.Forbidden:
                return Forbid();
            case DeskResult.Conflict:
                Notice = "这个案件的状态已经变了";
                return Redirect($"/console/cases/{id}");
            default:
                Notice = "内容不符合要求";
                return Redirect($"/console/cases/{id}");
        }
    }

    public static string StatusLabel(string status) => status switch
    {
        HandoffStatuses.Queued => "排队中",
        HandoffStatuses.Assigned => "处理中",
        HandoffStatuses.External => "外部坐席处理中",
        _ => "已结束",
    };

    /// <summary>A packet timestamp in Beijing time, as caseworkers read it.</summary>
    public static string Time(JsonNode? node) =>
        DateTimeOffset.TryParse(Text(node), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at)
            ? at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)
            : Text(node);

    public static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "";
}
