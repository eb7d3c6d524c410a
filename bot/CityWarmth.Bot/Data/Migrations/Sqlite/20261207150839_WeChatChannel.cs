using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityWarmth.Bot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WeChatChannel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "wechat_access_tokens",
                columns: table => new
                {
                    AppId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AccessToken = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    ExpiresAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    RefreshClaimedUntilMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_wechat_access_tokens", x => x.AppId);
                });

            migrationBuilder.CreateTable(
                name: "wechat_inbound",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OpenId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ReceivedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReplyXml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_wechat_inbound", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_wechat_inbound_OpenId",
                table: "wechat_inbound",
                column: "OpenId");

            migrationBuilder.CreateIndex(
                name: "IX_wechat_inbound_ReceivedAtMs",
                table: "wechat_inbound",
                column: "ReceivedAtMs");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "wechat_access_tokens");

            migrationBuilder.DropTable(
                name: "wechat_inbound");
        }
    }
}
