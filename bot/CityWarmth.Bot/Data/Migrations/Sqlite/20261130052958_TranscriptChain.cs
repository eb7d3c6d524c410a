using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityWarmth.Bot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TranscriptChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PreviousId",
                table: "transcript",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastTranscriptId",
                table: "conversations",
                type: "INTEGER",
                nullable: true);

            // Chain the rows already there, while the old index still makes finding each row's predecessor cheap.
            migrationBuilder.Sql("""
                UPDATE transcript SET "PreviousId" = (
                    SELECT MAX(p."Id") FROM transcript p
                    WHERE p."ConversationId" = transcript."ConversationId" AND p."Id" < transcript."Id")
                """);
            migrationBuilder.Sql("""
                UPDATE conversations SET "LastTranscriptId" = (
                    SELECT MAX(t."Id") FROM transcript t WHERE t."ConversationId" = conversations."Id")
                """);

            migrationBuilder.DropIndex(
                name: "IX_transcript_ConversationId_Id",
                table: "transcript");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PreviousId",
                table: "transcript");

            migrationBuilder.DropColumn(
                name: "LastTranscriptId",
                table: "conversations");

            migrationBuilder.CreateIndex(
                name: "IX_transcript_ConversationId_Id",
                table: "transcript",
                columns: new[] { "ConversationId", "Id" });
        }
    }
}
