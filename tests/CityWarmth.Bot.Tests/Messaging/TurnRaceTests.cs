using CityWarmth.Bot.Messaging;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CityWarmth.Bot.Tests.Messaging;

/// <summary>
/// A turn runs again when another writer saved its conversation first. Which database errors mean that is read from
/// the providers' error codes, not from the wording of their messages.
/// </summary>
public sealed class TurnRaceTests
{
    [Fact]
    public void ASqlitePrimaryKeyOrUniqueViolationIsARaceAndNothingElseIs()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, "PRAGMA foreign_keys=ON; CREATE TABLE t (id TEXT PRIMARY KEY, name TEXT UNIQUE, parent TEXT REFERENCES t(id));");
        Execute(connection, "INSERT INTO t VALUES ('a', 'x', NULL)");

        Assert.True(IsRace(Failure(connection, "INSERT INTO t VALUES ('a', 'y', NULL)")));
        Assert.True(IsRace(Failure(connection, "INSERT INTO t VALUES ('b', 'x', NULL)")));
        Assert.False(IsRace(Failure(connection, "INSERT INTO t VALUES ('c', 'z', 'missing')")));
        // A message that happens to say UNIQUE is no constraint failure at all.
        var notAConstraint = Failure(connection, "SELECT * FROM UNIQUE_rows");
        Assert.Contains("UNIQUE", notAConstraint.Message, StringComparison.Ordinal);
        Assert.False(IsRace(notAConstraint));
    }

    [Fact]
    public void APostgresUniqueViolationIsARaceWhateverLanguageTheServerSpeaks()
    {
        var german = new PostgresException("doppelter Schlüsselwert verletzt Unique-Constraint »conversations_pkey«", "FEHLER", "ERROR", PostgresErrorCodes.UniqueViolation);
        Assert.True(IsRace(german));

        var check = new PostgresException("duplicate key in a check", "ERROR", "ERROR", PostgresErrorCodes.CheckViolation);
        Assert.False(IsRace(check));
    }

    [Fact]
    public void ALostVersionCheckIsARace() =>
        Assert.True(TurnRunner.IsRace(new DbUpdateConcurrencyException("The conversation's version moved on.")));

    private static bool IsRace(Exception provider) => TurnRunner.IsRace(new DbUpdateException("Saving a turn failed.", provider));

    private static SqliteException Failure(SqliteConnection connection, string sql) =>
        Assert.Throws<SqliteException>(() => Execute(connection, sql));

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
