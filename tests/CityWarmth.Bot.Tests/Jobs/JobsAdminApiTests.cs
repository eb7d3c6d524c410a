using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CityWarmth.Bot.Tests.Infrastructure;
using CityWarmth.Skills.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace CityWarmth.Bot.Tests.Jobs;

public sealed class JobsAdminApiTests : IDisposable
{
    private const string Key = "test-admin-key-1";

    private readonly BotApp _app = new(settings: new Dictionary<string, string?>
    {
        ["Admin:ApiKeys:0"] = Key,
        ["Jobs:LoadSamples"] = "false",
    });

    public void Dispose()
    {
        _app.Dispose();
        _app.DeleteData();
    }

    [Fact]
    public async Task AdminsMaintainTheOffendersListAndListedEmployersDisappearFromSearch()
    {
        using var admin = Client(Key);
        await admin.PostAsync("/api/admin/jobs/import", CsvForm(JobFiles.Csv(JobFiles.Row("K1"))));
        var store = _app.Services.GetRequiredService<IJobStore>();
        var employer = (await store.GetActivePostingsAsync(default)).Single().Employer;

        var added = await admin.PostAsJsonAsync("/api/admin/jobs/offenders",
            new { employerName = employer, listedOn = "2026-01-05", source = "人社部门公布的失信联合惩戒名单" });
        var listed = await admin.GetStringAsync("/api/admin/jobs/offenders");
        var hidden = await _app.Services.GetRequiredService<JobSearchEngine>().SearchAsync(new JobQuery(), 0, 5, default);
        var id = JsonDocument.Parse(listed).RootElement[0].GetProperty("id").GetInt64();
        var removed = await admin.DeleteAsync($"/api/admin/jobs/offenders/{id}");
        using var anonymous = _app.CreateHttpClient();

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Contains(employer, listed);
        Assert.Empty(hidden.Items);
        Assert.Equal(1, hidden.HiddenOffenderPostings);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal("[]", await admin.GetStringAsync("/api/admin/jobs/offenders"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/jobs/offenders")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/admin/jobs/offenders", new { employerName = "", source = "" })).StatusCode);
    }

    [Fact]
    public async Task WithoutAKeyTheAnswerIs401()
    {
        using var client = _app.CreateHttpClient();

        var response = await client.PostAsync("/api/admin/jobs/import", CsvForm(JobFiles.Csv(JobFiles.Row("K1"))));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task WithAWrongKeyTheAnswerIs401LikeEveryAdminApi()
    {
        using var client = Client("not-the-key");

        var response = await client.PostAsync("/api/admin/jobs/import", CsvForm(JobFiles.Csv(JobFiles.Row("K1"))));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task WithoutAFileTheAnswerIs400()
    {
        using var client = Client(Key);

        var response = await client.PostAsync("/api/admin/jobs/import", new MultipartFormDataContent { { new StringContent("x"), "other" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("file", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AMixedFileIsRejectedWholeWithEachBadLine()
    {
        using var client = Client(Key);

        var response = await client.PostAsync("/api/admin/jobs/import",
            CsvForm(JobFiles.Csv(JobFiles.Row("M1"), JobFiles.Row("M2", phone: "110"), JobFiles.Row("M3"))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var rejected = Assert.Single(problem.GetProperty("rejected").EnumerateArray());
        Assert.Equal(3, rejected.GetProperty("line").GetInt32());
        Assert.Contains("联系电话", rejected.GetProperty("errors")[0].GetString());
        Assert.Equal(0, (await SearchAsync("保安")).Total);
    }

    [Fact]
    public async Task AGoodFileIsImportedAndSearchableAtOnce()
    {
        using var client = Client(Key);

        var response = await client.PostAsync("/api/admin/jobs/import",
            CsvForm(JobFiles.Csv(JobFiles.Row("G1"), JobFiles.Row("G2", title: "电焊工", trade: "电焊工", payMin: "8000", payMax: "9000"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, body.GetProperty("inserted").GetInt32());
        var welders = await SearchAsync("焊工");
        Assert.Equal("电焊工", Assert.Single(welders.Items).Title);
    }

    private HttpClient Client(string key)
    {
        var client = _app.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static MultipartFormDataContent CsvForm(string csv)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", "postings.csv" } };
    }

    private Task<JobSearchPage> SearchAsync(string trade) =>
        _app.Services.GetRequiredService<JobSearchEngine>().SearchAsync(new JobQuery { Trades = [trade] }, 0, 10, default);
}
