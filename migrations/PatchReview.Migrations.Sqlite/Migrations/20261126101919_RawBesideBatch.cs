using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PatchReview.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RawBesideBatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_message_raw_messages_message_id",
                table: "message_raw");

            migrationBuilder.AddColumn<string>(
                name: "pending_raw",
                table: "imports",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "pending_raw",
                table: "imports");

            // Raw bytes a failed batch left beside it belong to no message, and the key would refuse them.
            migrationBuilder.Sql("DELETE FROM message_raw WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = message_raw.message_id)");

            migrationBuilder.AddForeignKey(
                name: "FK_message_raw_messages_message_id",
                table: "message_raw",
                column: "message_id",
                principalTable: "messages",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
