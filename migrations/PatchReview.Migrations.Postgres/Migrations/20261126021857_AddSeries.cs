using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PatchReview.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddSeries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "mail_analysis",
                columns: table => new
                {
                    message_id = table.Column<long>(type: "bigint", nullable: false),
                    role = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    version_text = table.Column<string>(type: "text", nullable: false),
                    index = table.Column<int>(type: "integer", nullable: true),
                    total = table.Column<int>(type: "integer", nullable: true),
                    is_rfc = table.Column<bool>(type: "boolean", nullable: false),
                    is_resend = table.Column<bool>(type: "boolean", nullable: false),
                    is_backport = table.Column<bool>(type: "boolean", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    normalized_title = table.Column<string>(type: "text", nullable: false),
                    author_name = table.Column<string>(type: "text", nullable: false),
                    author_email = table.Column<string>(type: "text", nullable: false),
                    patch_id = table.Column<string>(type: "text", nullable: true),
                    files = table.Column<List<string>>(type: "text[]", nullable: false),
                    diff_sketch = table.Column<List<long>>(type: "bigint[]", nullable: false),
                    text_sketch = table.Column<List<long>>(type: "bigint[]", nullable: false),
                    lines_added = table.Column<int>(type: "integer", nullable: false),
                    lines_removed = table.Column<int>(type: "integer", nullable: false),
                    mentioned_ids = table.Column<List<string>>(type: "text[]", nullable: false),
                    labelled_ids = table.Column<List<string>>(type: "text[]", nullable: false),
                    supersedes_ids = table.Column<List<string>>(type: "text[]", nullable: false),
                    change_ids = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mail_analysis", x => x.message_id);
                    table.ForeignKey(
                        name: "FK_mail_analysis_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "message_trailers",
                columns: table => new
                {
                    message_id = table.Column<long>(type: "bigint", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    type = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: true),
                    email = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_message_trailers", x => new { x.message_id, x.position });
                    table.ForeignKey(
                        name: "FK_message_trailers_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "participants",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "text", nullable: false),
                    email = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participants", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "series",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    normalized_title = table.Column<string>(type: "text", nullable: false),
                    submitter_id = table.Column<long>(type: "bigint", nullable: false),
                    submitter_name = table.Column<string>(type: "text", nullable: false),
                    submitter_email = table.Column<string>(type: "text", nullable: false),
                    state = table.Column<string>(type: "text", nullable: false),
                    latest_version = table.Column<int>(type: "integer", nullable: false),
                    version_count = table.Column<int>(type: "integer", nullable: false),
                    last_activity = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acked = table.Column<int>(type: "integer", nullable: false),
                    reviewed = table.Column<int>(type: "integer", nullable: false),
                    tested = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_series", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "version_link_overrides",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    earlier_message_id = table.Column<string>(type: "text", nullable: false),
                    later_message_id = table.Column<string>(type: "text", nullable: false),
                    linked = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_version_link_overrides", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "participant_addresses",
                columns: table => new
                {
                    email = table.Column<string>(type: "text", nullable: false),
                    participant_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participant_addresses", x => x.email);
                    table.ForeignKey(
                        name: "FK_participant_addresses_participants_participant_id",
                        column: x => x.participant_id,
                        principalTable: "participants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pull_request_patches",
                columns: table => new
                {
                    carrier_id = table.Column<long>(type: "bigint", nullable: false),
                    pull_request_id = table.Column<long>(type: "bigint", nullable: false),
                    series_id = table.Column<long>(type: "bigint", nullable: false),
                    patch_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pull_request_patches", x => x.carrier_id);
                    table.ForeignKey(
                        name: "FK_pull_request_patches_series_series_id",
                        column: x => x.series_id,
                        principalTable: "series",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pull_requests",
                columns: table => new
                {
                    message_id = table.Column<long>(type: "bigint", nullable: false),
                    series_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pull_requests", x => new { x.message_id, x.series_id });
                    table.ForeignKey(
                        name: "FK_pull_requests_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_pull_requests_series_series_id",
                        column: x => x.series_id,
                        principalTable: "series",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "series_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    series_id = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    version_text = table.Column<string>(type: "text", nullable: false),
                    is_rfc = table.Column<bool>(type: "boolean", nullable: false),
                    cover_id = table.Column<long>(type: "bigint", nullable: true),
                    title = table.Column<string>(type: "text", nullable: false),
                    normalized_title = table.Column<string>(type: "text", nullable: false),
                    author_id = table.Column<long>(type: "bigint", nullable: false),
                    date = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    declared_total = table.Column<int>(type: "integer", nullable: false),
                    patch_count = table.Column<int>(type: "integer", nullable: false),
                    missing_indices = table.Column<List<int>>(type: "integer[]", nullable: false),
                    reply_count = table.Column<int>(type: "integer", nullable: false),
                    is_complete = table.Column<bool>(type: "boolean", nullable: false),
                    state = table.Column<string>(type: "text", nullable: false),
                    superseded_by_id = table.Column<long>(type: "bigint", nullable: true),
                    previous_version_id = table.Column<long>(type: "bigint", nullable: true),
                    link_confidence = table.Column<double>(type: "double precision", nullable: true),
                    link_signals = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_series_versions", x => x.id);
                    table.ForeignKey(
                        name: "FK_series_versions_messages_id",
                        column: x => x.id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_series_versions_series_series_id",
                        column: x => x.series_id,
                        principalTable: "series",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "changelog_entries",
                columns: table => new
                {
                    version_id = table.Column<long>(type: "bigint", nullable: false),
                    n = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    source_id = table.Column<long>(type: "bigint", nullable: false),
                    credited_names = table.Column<List<string>>(type: "text[]", nullable: false),
                    credited_emails = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_changelog_entries", x => new { x.version_id, x.n });
                    table.ForeignKey(
                        name: "FK_changelog_entries_series_versions_version_id",
                        column: x => x.version_id,
                        principalTable: "series_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "version_patches",
                columns: table => new
                {
                    message_id = table.Column<long>(type: "bigint", nullable: false),
                    version_id = table.Column<long>(type: "bigint", nullable: false),
                    series_id = table.Column<long>(type: "bigint", nullable: false),
                    index = table.Column<int>(type: "integer", nullable: false),
                    row = table.Column<int>(type: "integer", nullable: false),
                    change = table.Column<string>(type: "text", nullable: false),
                    previous_id = table.Column<long>(type: "bigint", nullable: true),
                    split_from_id = table.Column<long>(type: "bigint", nullable: true),
                    reply_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_version_patches", x => x.message_id);
                    table.ForeignKey(
                        name: "FK_version_patches_series_versions_version_id",
                        column: x => x.version_id,
                        principalTable: "series_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "patch_trailers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    patch_id = table.Column<long>(type: "bigint", nullable: false),
                    type = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    email = table.Column<string>(type: "text", nullable: false),
                    origin = table.Column<string>(type: "text", nullable: false),
                    source_id = table.Column<long>(type: "bigint", nullable: false),
                    from_version = table.Column<int>(type: "integer", nullable: false),
                    sender_matches = table.Column<bool>(type: "boolean", nullable: false),
                    stale = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_patch_trailers", x => x.id);
                    table.ForeignKey(
                        name: "FK_patch_trailers_version_patches_patch_id",
                        column: x => x.patch_id,
                        principalTable: "version_patches",
                        principalColumn: "message_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_mail_analysis_normalized_title",
                table: "mail_analysis",
                column: "normalized_title");

            migrationBuilder.CreateIndex(
                name: "ix_mail_analysis_patch_id",
                table: "mail_analysis",
                column: "patch_id");

            migrationBuilder.CreateIndex(
                name: "ix_participant_addresses_participant_id",
                table: "participant_addresses",
                column: "participant_id");

            migrationBuilder.CreateIndex(
                name: "ix_participants_name",
                table: "participants",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_patch_trailers_patch_id",
                table: "patch_trailers",
                column: "patch_id");

            migrationBuilder.CreateIndex(
                name: "IX_pull_request_patches_series_id",
                table: "pull_request_patches",
                column: "series_id");

            migrationBuilder.CreateIndex(
                name: "ix_pull_request_patches_pull_request_id_series_id",
                table: "pull_request_patches",
                columns: new[] { "pull_request_id", "series_id" });

            migrationBuilder.CreateIndex(
                name: "ix_pull_requests_series_id",
                table: "pull_requests",
                column: "series_id");

            migrationBuilder.CreateIndex(
                name: "ix_series_last_activity",
                table: "series",
                column: "last_activity");

            migrationBuilder.CreateIndex(
                name: "ix_series_submitter_id",
                table: "series",
                column: "submitter_id");

            migrationBuilder.CreateIndex(
                name: "ix_series_versions_author_id",
                table: "series_versions",
                column: "author_id");

            migrationBuilder.CreateIndex(
                name: "ix_series_versions_cover_id",
                table: "series_versions",
                column: "cover_id");

            migrationBuilder.CreateIndex(
                name: "ix_series_versions_normalized_title",
                table: "series_versions",
                column: "normalized_title");

            migrationBuilder.CreateIndex(
                name: "ix_series_versions_series_id",
                table: "series_versions",
                column: "series_id");

            migrationBuilder.CreateIndex(
                name: "ix_version_link_overrides_later",
                table: "version_link_overrides",
                column: "later_message_id");

            migrationBuilder.CreateIndex(
                name: "ix_version_link_overrides_pair",
                table: "version_link_overrides",
                columns: new[] { "earlier_message_id", "later_message_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_version_patches_series_id",
                table: "version_patches",
                column: "series_id");

            migrationBuilder.CreateIndex(
                name: "ix_version_patches_version_id_index",
                table: "version_patches",
                columns: new[] { "version_id", "index" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "changelog_entries");

            migrationBuilder.DropTable(
                name: "mail_analysis");

            migrationBuilder.DropTable(
                name: "message_trailers");

            migrationBuilder.DropTable(
                name: "participant_addresses");

            migrationBuilder.DropTable(
                name: "patch_trailers");

            migrationBuilder.DropTable(
                name: "pull_request_patches");

            migrationBuilder.DropTable(
                name: "pull_requests");

            migrationBuilder.DropTable(
                name: "version_link_overrides");

            migrationBuilder.DropTable(
                name: "participants");

            migrationBuilder.DropTable(
                name: "version_patches");

            migrationBuilder.DropTable(
                name: "series_versions");

            migrationBuilder.DropTable(
                name: "series");
        }
    }
}
