using System.Net;
using CityWarmth.Bot.Cases;
using CityWarmth.Bot.Data;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.Skills.WageDispute;
using Microsoft.EntityFrameworkCore;

namespace CityWarmth.Bot.Tests.Cases;

/// <summary>
/// Intakes and cases stored before the intake state and the case shared one facts record (the state then named the
/// consent "consent", the case "consentGiven", and the case was a class of its own). The JSON below is what that code
/// stored, captured from its database.
/// </summary>
public sealed class SavedBeforeFactsWereSharedTests
{
    // Half done: the worker had just said they no longer work there; the next question is the day they left.
    private const string HalfDone = """
        {"activeSkill":"wageDispute","lastSkill":"wageDispute","lastUserText":"已经不干了","misunderstandings":0,"prefersTraditional":false,"citedSections":[],"wageIntake":{"step":"JobEndDate","awaitingCancelConfirm":false,"failedAttempts":0,"startedAt":"2026-12-07T15:01:06.9913153+00:00","updatedAt":"2026-12-07T15:01:07.2791998+00:00","employerKind":"LabourContractor","employerName":"张三","employerAbsconded":false,"workplace":"东湖区工地","district":"东湖区","trade":"钢筋工","isConstruction":true,"generalContractor":null,"amountYuan":13000,"amountApproximate":false,"periodFrom":null,"periodTo":null,"periodMonths":3,"periodOngoing":false,"periodApproximate":false,"jobEnded":true,"jobEndedOn":null,"jobEndedOnApproximate":false,"workerCount":null,"workerCountApproximate":false,"evidence":[],"evidenceDone":false,"workerName":null,"phone":null,"consent":null,"consentAt":null,"skipped":["GeneralContractor"],"history":[{"at":"2026-12-07T15:01:07.2767516+00:00","field":"Amount","oldValue":"12000元","newValue":"13000元"}]},"jobSearch":null,"recentQuestions":[],"lastQuestionId":null,"erasurePending":false,"updatedAt":"2026-12-07T15:01:07.2844996+00:00"}
        """;

    // Everything answered and consent given: the summary waits for 确认提交.
    private const string AtTheSummary = """
        {"activeSkill":"wageDispute","lastSkill":"wageDispute","lastUserText":"同意","misunderstandings":0,"prefersTraditional":false,"citedSections":[],"wageIntake":{"step":"Summary","awaitingCancelConfirm":false,"failedAttempts":0,"startedAt":"2026-12-07T15:01:07.288289+00:00","updatedAt":"2026-12-07T15:01:07.3544763+00:00","employerKind":"LabourContractor","employerName":"张三","employerAbsconded":false,"workplace":"东湖区光谷大道某某小区工地","district":"东湖区","trade":"钢筋工","isConstruction":true,"generalContractor":"中建某局","amountYuan":12000,"amountApproximate":false,"periodFrom":"2026-03-01","periodTo":"2026-05-31","periodMonths":null,"periodOngoing":false,"periodApproximate":false,"jobEnded":true,"jobEndedOn":"2026-11-01","jobEndedOnApproximate":true,"workerCount":10,"workerCountApproximate":true,"evidence":["IouOrSettlement","Chats"],"evidenceDone":true,"workerName":"王小明","phone":"13812345678","consent":true,"consentAt":"2026-12-07T15:01:07.3544763+00:00","skipped":[],"history":[{"at":"2026-12-07T15:01:07.3329262+00:00","field":"Evidence","oldValue":"欠条/结算单","newValue":"欠条/结算单、微信聊天/录音"}]},"jobSearch":null,"recentQuestions":[],"lastQuestionId":null,"erasurePending":false,"updatedAt":"2026-12-07T15:01:07.3737592+00:00"}
        """;

    // A filed case (routes and advice shortened), as the case store wrote it.
    private const string FiledCase = """
        {"id":"e8f599bc-22d3-41da-ae4e-3f0a62d3937e","caseNumber":"QX-20261207-0001","sheetKey":"64aaea4d9467d6a23d6ec5228ad89d16","sheetUrl":"/cases/QX-20261207-0001/sheet?key=64aaea4d9467d6a23d6ec5228ad89d16","status":"Submitted","conversationId":"filed","channelId":"emulator","startedAt":"2026-12-07T15:01:07.3782056+00:00","submittedAt":"2026-12-07T15:01:07.4123031+00:00","updatedAt":"2026-12-07T15:01:07.4123031+00:00","employerKind":"LabourContractor","employerName":"\u5F20\u4E09","employerAbsconded":false,"workplace":"\u4E1C\u6E56\u533A\u5149\u8C37\u5927\u9053\u67D0\u67D0\u5C0F\u533A\u5DE5\u5730","district":"\u4E1C\u6E56\u533A","trade":"\u94A2\u7B4B\u5DE5","isConstruction":true,"generalContractor":"\u4E2D\u5EFA\u67D0\u5C40","amountYuan":12000,"amountApproximate":false,"periodFrom":"2026-03-01","periodTo":"2026-05-31","periodMonths":null,"periodOngoing":false,"periodApproximate":false,"jobEnded":true,"jobEndedOn":"2026-11-01","workerCount":10,"workerCountApproximate":true,"evidence":["IouOrSettlement"],"workerName":"\u738B\u5C0F\u660E","phone":"13812345678","consentGiven":true,"consentAt":"2026-12-07T15:01:07.3955889+00:00","arbitrationDeadline":{"state":"Running","deadline":"2027-11-01","daysLeft":329,"explanation":"\u4F602026\u5E7411\u67081\u65E5\u79BB\u804C"},"inspectionDeadline":{"state":"Running","deadline":"2028-05-31","daysLeft":541,"explanation":"\u5411\u52B3\u52A8\u4FDD\u969C\u76D1\u5BDF\u6295\u8BC9"},"routes":[{"name":"\u52B3\u52A8\u4FDD\u969C\u76D1\u5BDF\u6295\u8BC9","whenToUse":"\u8001\u677F\u6B20\u85AA","howToFile":"\u5230\u5DE5\u4F5C\u5730\u7684\u4EBA\u793E\u5C40","deadline":"2028-05-31","open":true}],"evidenceAdvice":["\u6574\u7406\u8003\u52E4\u6216\u8BB0\u5DE5\u672C"],"liabilityNotes":["\u5206\u5305\u5355\u4F4D\u6216\u5305\u5DE5\u5934\u6B20\u85AA\u7684"],"history":[],"maskedName":"\u738B**","maskedPhone":"138****5678","period":{"from":"2026-03-01","to":"2026-05-31","months":null,"ongoing":false,"approximate":false,"estimatedMonths":3,"display":"2026\u5E743\u6708\u81F32026\u5E745\u6708"},"employerDisplay":"\u5305\u5DE5\u5934 \u5F20\u4E09","amountDisplay":"12000\u5143"}
        """;

    private static Task<IReadOnlyList<Activity>> SayAsync(BotApp app, HttpClient client, string conversation, string text) =>
        app.AskAsync(client, TestActivities.Message(text, conversationId: conversation, userId: "worker-old"));

    /// <summary>Stores <paramref name="stateJson"/> as the conversation's state, as the old code would have left it.</summary>
    private static async Task StoreStateAsync(BotApp app, string conversation, string stateJson)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Conversations.Where(c => c.Id == conversation)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.StateJson, stateJson).SetProperty(c => c.Version, c => c.Version + 1)));
    }

    [Fact]
    public async Task AnIntakeLeftHalfDoneByTheOldCodeContinuesAndIsFiledWithItsAnswers()
    {
        string dataPath;
        using (var before = new BotApp())
        {
            // The conversations exist (a row each), as they would after their first turns.
            dataPath = before.DataPath;
            using var client = before.CreateHttpClient();
            await SayAsync(before, client, "old-half", "你好");
            await SayAsync(before, client, "old-summary", "你好");
        }

        // The new code starts on the stored rows; nothing is in its memory yet.
        using var app = new BotApp(dataPath);
        try
        {
            using var client = app.CreateHttpClient();
            await StoreStateAsync(app, "old-half", HalfDone);
            await StoreStateAsync(app, "old-summary", AtTheSummary);

            var next = await SayAsync(app, client, "old-half", "上个月");
            Assert.Equal("wageDispute", (string?)next[^1].ChannelData?["skill"]);
            Assert.Contains("几个人", next[^1].Text);   // the day was taken; the next question is how many were owed
            foreach (var answer in new[] { "就我一个", "都没有", "李娜", "13812345678", "同意" })
            {
                await SayAsync(app, client, "old-half", answer);
            }
            var halfDone = await SayAsync(app, client, "old-half", "确认提交");

            // The summary saved with the old name of the consent is submitted without asking for it again.
            var summary = await SayAsync(app, client, "old-summary", "确认提交");

            var store = app.Services.GetRequiredService<IWageCaseStore>();
            var cases = await store.ListAsync(null, default);
            var fromHalf = Assert.Single(cases, c => c.ConversationId == "old-half");
            Assert.Matches(@"QX-\d{8}-000\d", string.Join("\n", halfDone.Select(r => r.Text)));
            Assert.Equal(13000m, fromHalf.AmountYuan);
            Assert.Equal("张三", fromHalf.EmployerName);
            Assert.True(fromHalf.IsConstruction);
            Assert.Equal("李娜", fromHalf.WorkerName);
            Assert.Equal(WageIntakeStep.Amount, Assert.Single(fromHalf.History).Field);

            var fromSummary = Assert.Single(cases, c => c.ConversationId == "old-summary");
            Assert.Contains(fromSummary.CaseNumber, string.Join("\n", summary.Select(r => r.Text)));
            Assert.True(fromSummary.ConsentGiven);
            Assert.Equal(new DateOnly(2026, 11, 1), fromSummary.JobEndedOn);
            Assert.True(fromSummary.JobEndedOnApproximate);
            Assert.Equal([EvidenceKind.IouOrSettlement, EvidenceKind.Chats], fromSummary.Evidence);
            Assert.Equal("中建某局", fromSummary.GeneralContractor);
        }
        finally
        {
            app.DeleteData();
        }
    }

    [Fact]
    public async Task ACaseFiledByTheOldCodeIsListedServedAndPrintedAsBefore()
    {
        using var app = new BotApp(settings: new Dictionary<string, string?> { ["Admin:ApiKeys:0"] = "test-admin-key" });
        try
        {
            using var admin = app.CreateHttpClient();
            admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "test-admin-key");
            await using (var db = await app.Services.GetRequiredService<IDbContextFactory<BotDbContext>>().CreateDbContextAsync())
            {
                db.Set<WageCaseRecord>().Add(new WageCaseRecord
                {
                    Id = Guid.Parse("e8f599bc-22d3-41da-ae4e-3f0a62d3937e"),
                    CaseNumber = "QX-20261207-0001",
                    Day = "20261207",
                    Sequence = 1,
                    Status = WageCaseStatus.Submitted,
                    ConversationId = "filed",
                    SubmittedAt = DateTimeOffset.Parse("2026-12-07T15:01:07.4123031+00:00", System.Globalization.CultureInfo.InvariantCulture),
                    UpdatedAt = DateTimeOffset.Parse("2026-12-07T15:01:07.4123031+00:00", System.Globalization.CultureInfo.InvariantCulture),
                    CaseJson = FiledCase,
                });
                await db.SaveChangesAsync();
            }

            var loaded = await app.Services.GetRequiredService<IWageCaseStore>().GetAsync("QX-20261207-0001", default);
            var list = await admin.GetStringAsync("/api/admin/cases?status=Submitted");
            var one = await admin.GetStringAsync("/api/admin/cases/QX-20261207-0001");
            var sheet = await admin.GetAsync("/cases/QX-20261207-0001/sheet?key=64aaea4d9467d6a23d6ec5228ad89d16");

            Assert.NotNull(loaded);
            Assert.True(loaded.ConsentGiven);
            Assert.True(loaded.IsConstruction);
            Assert.Equal("王小明", loaded.WorkerName);
            Assert.Equal(new DateOnly(2026, 3, 1), loaded.Period?.From);
            Assert.Contains("138****5678", list);
            Assert.Contains("\"consentGiven\":true", one);
            Assert.Contains("\"isConstruction\":true", one);
            Assert.Equal(HttpStatusCode.OK, sheet.StatusCode);
            var html = await sheet.Content.ReadAsStringAsync();
            Assert.Contains("中建某局", html);
            Assert.Contains("王小明", html);
        }
        finally
        {
            app.DeleteData();
        }
    }
}
