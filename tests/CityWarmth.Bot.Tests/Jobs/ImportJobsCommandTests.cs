using CityWarmth.Bot.Jobs;
using Microsoft.Data.Sqlite;

namespace CityWarmth.Bot.Tests.Jobs;

public sealed class ImportJobsCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "citywarmth-tests", Guid.NewGuid().ToString("N"));

    public ImportJobsCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task GoodFileIsImportedIntoTheConfiguredDatabase()
    {
        var file = Write("good.csv", JobFiles.Csv(JobFiles.Row("CLI1"), JobFiles.Row("CLI2")));
        var output = new StringWriter();

        var exit = await ImportJobsCommand.RunAsync(["import-jobs", file, $"--Storage:DataPath={_folder}"], output);

        Assert.Equal(0, exit);
        Assert.Contains("新增 2", output.ToString());
        Assert.Equal(2L, CountPostings());
    }

    [Fact]
    public async Task BadFileImportsNothingAndListsTheLines()
    {
        var file = Write("bad.csv", JobFiles.Csv(JobFiles.Row("CLI1"), JobFiles.Row("CLI2", payMin: "-5")));
        var output = new StringWriter();

        var exit = await ImportJobsCommand.RunAsync(["import-jobs", file, $"--Storage:DataPath={_folder}"], output);

        Assert.Equal(1, exit);
        Assert.Contains("第 3 行", output.ToString());
        Assert.Equal(0L, CountPostings());
    }

    [Fact]
    public async Task MissingFileIsAUsageError()
    {
        var output = new StringWriter();

        Assert.Equal(2, await ImportJobsCommand.RunAsync(["import-jobs"], output));
        Assert.Equal(2, await ImportJobsCommand.RunAsync(["import-jobs", Path.Combine(_folder, "none.csv")], output));
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private long CountPostings()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "citywarmth.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM job_postings";
        return (long)command.ExecuteScalar()!;
    }
}
