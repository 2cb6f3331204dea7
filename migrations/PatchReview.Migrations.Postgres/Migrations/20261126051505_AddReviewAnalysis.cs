using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PatchReview.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddReviewAnalysis : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "message_quotes",
                columns: table => new
                {
                    message_id = table.Column<long>(type: "bigint", nullable: false),
                    blocks = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_message_quotes", x => x.message_id);
                    table.ForeignKey(
                        name: "FK_message_quotes_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "patch_comments",
                columns: table => new
                {
                    message_id = table.Column<long>(type: "bigint", nullable: false),
                    comments = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_patch_comments", x => x.message_id);
                    table.ForeignKey(
                        name: "FK_patch_comments_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "series_reviews",
                columns: table => new
                {
                    series_id = table.Column<long>(type: "bigint", nullable: false),
                    review = table.Column<string>(type: "text", nullable: false),
                    decisions = table.Column<string>(type: "text", nullable: false),
                    decision_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_series_reviews", x => x.series_id);
                    table.ForeignKey(
                        name: "FK_series_reviews_series_series_id",
                        column: x => x.series_id,
                        principalTable: "series",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "message_quotes");

            migrationBuilder.DropTable(
                name: "patch_comments");

            migrationBuilder.DropTable(
                name: "series_reviews");
        }
    }
}
