using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityWarmth.Bot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PublicationHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PreviousId",
                table: "kb_publications",
                type: "bigint",
                nullable: true);

            // The publications already there get the one that served before each, as well as the rows tell: a publish
            // (or the seed) followed the row before it; a rollback restored a version, so it takes over the predecessor
            // of the latest earlier row that served that version.
            migrationBuilder.Sql("""
                UPDATE kb_publications SET "PreviousId" = (
                    SELECT MAX(p."Id") FROM kb_publications p WHERE p."Id" < kb_publications."Id")
                WHERE "Action" <> 'rollback'
                """);
            migrationBuilder.Sql("""
                UPDATE kb_publications SET "PreviousId" = (
                    SELECT MAX(p."Id") FROM kb_publications p WHERE p."Id" < (
                        SELECT MAX(q."Id") FROM kb_publications q
                        WHERE q."Id" < kb_publications."Id" AND q."VersionNumber" = kb_publications."VersionNumber"))
                WHERE "Action" = 'rollback'
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PreviousId",
                table: "kb_publications");
        }
    }
}
