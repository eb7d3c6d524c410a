using System.Net.Http.Json;
using CityWarmth.Bot.Data;
using CityWarmth.Bot.Handoff;
using CityWarmth.Bot.Messaging;
using CityWarmth.BotFramework.Schema;
using CityWarmth.Bot.Tests.Handoff;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.Skills.WageDispute;

namespace CityWarmth.Bot.Tests.Faults;

/// <summary>The real bot process killed with SIGKILL mid-intake and mid-handoff, then restarted on the same data.</summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task KillingTheProcessLosesNoAcknowledgedAnswerMessageOrHandoff()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "citywarmth-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataPath);
        var settings = HandoffTestKit.AlwaysOpen().ToDictionary(kv => kv.Key.Replace(":", "__"), kv => kv.Value!);
        var acknowledged = new Dictionary<string, List<string>>();

        try
        {
            using (var first = await BotProcess.StartAsync(dataPath, settings))
            using (var client = first.CreateHttpClient())
            {
                // Half a wage intake: employer kind, name, workplace and trade are answered; the contractor is pending.
                foreach (var text in new[] { "老板欠我工资", "包工头", "张三", "东湖区光谷大道某某小区工地", "钢筋工" })
                {
                    await AskAsync(client, "crash-wage", text, acknowledged);
                }
                // One handoff taken by an external hub, one still waiting in the queue.
                await AskAsync(client, "crash-hub", "转人工", acknowledged);
                await AskAsync(client, "crash-hub", HandoffTestKit.Status("accepted", null, "crash-hub"), acknowledged);
                var queued = await AskAsync(client, "crash-queue", "转人工", acknowledged);
                Assert.Contains(queued, r => r.Text?.Contains("转人工") == true);

                first.Kill();
            }

            using (var second = await BotProcess.StartAsync(dataPath, settings))
            using (var client = second.CreateHttpClient())
            {
                var contractor = await AskAsync(client, "crash-wage", "中建某局", acknowledged);
                Assert.NotEmpty(contractor);
                var stillQueued = await AskAsync(client, "crash-queue", "转人工", acknowledged);
                Assert.Contains(stillQueued, r => r.Text == HandoffText.AlreadyQueued(2) || r.Text == HandoffText.AlreadyQueued(1));
                // The hub still holds its conversation: the bot stays silent and lets the person answer.
                var toPerson = await AskAsync(client, "crash-hub", "我还在等", acknowledged);
                Assert.Empty(toPerson);
                second.Kill();
            }

            using var inspect = new BotApp(dataPath);
            var store = inspect.Services.GetRequiredService<IConversationStore>();
            var wage = await store.LoadAsync("crash-wage", default);
            var intake = Assert.IsType<WageIntakeState>(wage.State.WageIntake);
            Assert.Equal(WageIntakeStep.Amount, intake.Step);
            Assert.Equal(EmployerKind.LabourContractor, intake.EmployerKind);
            Assert.Equal("张三", intake.EmployerName);
            Assert.Equal("东湖区", intake.District);
            Assert.Equal("中建某局", intake.GeneralContractor);
            Assert.Equal(HandoffOwners.ExternalHub, (await store.LoadAsync("crash-hub", default)).Owner);

            foreach (var (conversationId, ids) in acknowledged)
            {
                var transcript = await store.GetTranscriptAsync(conversationId, 500, default);
                var inbound = transcript.Where(a => a.Type is ActivityTypes.Message or ActivityTypes.Event).Select(a => a.Id).ToHashSet();
                Assert.All(ids, id => Assert.Contains(id, inbound));
            }
        }
        finally
        {
            try
            {
                Directory.Delete(dataPath, recursive: true);
            }
            catch (IOException)
            {
                // A file still closing; the temp cleaner takes it later.
            }
        }
    }

    private static Task<IReadOnlyList<Activity>> AskAsync(HttpClient client, string conversationId, string text, Dictionary<string, List<string>> acknowledged) =>
        AskAsync(client, conversationId, TestActivities.Message(text, conversationId), acknowledged);

    private static async Task<IReadOnlyList<Activity>> AskAsync(HttpClient client, string conversationId, Activity activity, Dictionary<string, List<string>> acknowledged)
    {
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity, options: ProtocolJson.Options) };
        if (activity.Name == HandoffEventNames.Status)
        {
            request.Headers.Add(CallerTrust.HubKeyHeader, HandoffTestKit.HubKey);
        }
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<ExpectedReplies>(ProtocolJson.Options);
        // The response arrived: this turn is acknowledged and must survive a crash.
        (acknowledged.TryGetValue(conversationId, out var ids) ? ids : acknowledged[conversationId] = []).Add(activity.Id!);
        return body!.Activities;
    }
}
