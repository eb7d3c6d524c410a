using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityWarmth.Bot.Data.Migrations.Postgres
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
                    AppId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AccessToken = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    ExpiresAtMs = table.Column<long>(type: "bigint", nullable: false),
                    RefreshClaimedUntilMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_wechat_access_tokens", x => x.AppId);
                });

            migrationBuilder.CreateTable(
                name: "wechat_inbound",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OpenId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ReceivedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ReplyXml = table.Column<string>(type: "text", nullable: true)
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
