using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityWarmth.Bot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UnansweredPassagesAndComment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Comment",
                table: "kb_unanswered_questions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Passages",
                table: "kb_unanswered_questions",
                type: "TEXT",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Comment",
                table: "kb_unanswered_questions");

            migrationBuilder.DropColumn(
                name: "Passages",
                table: "kb_unanswered_questions");
        }
    }
}
