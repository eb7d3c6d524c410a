using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityWarmth.Bot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConsoleSecurityStamp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SecurityStamp",
                table: "console_users",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SecurityStamp",
                table: "console_users");
        }
    }
}
