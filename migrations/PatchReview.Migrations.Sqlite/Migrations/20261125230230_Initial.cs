using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PatchReview.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "imports",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: true),
                    read = table.Column<int>(type: "INTEGER", nullable: false),
                    stored = table.Column<int>(type: "INTEGER", nullable: false),
                    duplicates = table.Column<int>(type: "INTEGER", nullable: false),
                    variants = table.Column<int>(type: "INTEGER", nullable: false),
                    rejected = table.Column<int>(type: "INTEGER", nullable: false),
                    error = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_imports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    message_id = table.Column<string>(type: "TEXT", nullable: false),
                    is_ghost = table.Column<bool>(type: "INTEGER", nullable: false),
                    message_id_generated = table.Column<bool>(type: "INTEGER", nullable: false),
                    subject = table.Column<string>(type: "TEXT", nullable: false),
                    from_name = table.Column<string>(type: "TEXT", nullable: false),
                    from_email = table.Column<string>(type: "TEXT", nullable: false),
                    to = table.Column<string>(type: "TEXT", nullable: false),
                    cc = table.Column<string>(type: "TEXT", nullable: false),
                    date = table.Column<long>(type: "INTEGER", nullable: true),
                    date_header = table.Column<string>(type: "TEXT", nullable: true),
                    lists = table.Column<string>(type: "TEXT", nullable: false),
                    body_text = table.Column<string>(type: "TEXT", nullable: false),
                    is_flowed = table.Column<bool>(type: "INTEGER", nullable: false),
                    del_sp = table.Column<bool>(type: "INTEGER", nullable: false),
                    content_hash = table.Column<byte[]>(type: "BLOB", nullable: true),
                    parent_id = table.Column<long>(type: "INTEGER", nullable: true),
                    thread_id = table.Column<long>(type: "INTEGER", nullable: false),
                    import_id = table.Column<long>(type: "INTEGER", nullable: true),
                    source = table.Column<string>(type: "TEXT", nullable: true),
                    source_offset = table.Column<long>(type: "INTEGER", nullable: true),
                    blob_id = table.Column<string>(type: "TEXT", nullable: true),
                    size = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_messages", x => x.id);
                    table.ForeignKey(
                        name: "FK_messages_messages_parent_id",
                        column: x => x.parent_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rejected_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    import_id = table.Column<long>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    source_offset = table.Column<long>(type: "INTEGER", nullable: false),
                    blob_id = table.Column<string>(type: "TEXT", nullable: true),
                    reason = table.Column<string>(type: "TEXT", nullable: false),
                    size = table.Column<int>(type: "INTEGER", nullable: false),
                    raw_hash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    raw = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rejected_messages", x => x.id);
                    table.ForeignKey(
                        name: "FK_rejected_messages_imports_import_id",
                        column: x => x.import_id,
                        principalTable: "imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "message_raw",
                columns: table => new
                {
                    message_id = table.Column<long>(type: "INTEGER", nullable: false),
                    data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_message_raw", x => x.message_id);
                    table.ForeignKey(
                        name: "FK_message_raw_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "message_references",
                columns: table => new
                {
                    message_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    referenced_message_id = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_message_references", x => new { x.message_id, x.kind, x.position });
                    table.ForeignKey(
                        name: "FK_message_references_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "message_variants",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    message_id = table.Column<string>(type: "TEXT", nullable: false),
                    canonical_id = table.Column<long>(type: "INTEGER", nullable: false),
                    content_hash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    subject = table.Column<string>(type: "TEXT", nullable: false),
                    from_name = table.Column<string>(type: "TEXT", nullable: false),
                    from_email = table.Column<string>(type: "TEXT", nullable: false),
                    date = table.Column<long>(type: "INTEGER", nullable: true),
                    import_id = table.Column<long>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    source_offset = table.Column<long>(type: "INTEGER", nullable: false),
                    blob_id = table.Column<string>(type: "TEXT", nullable: true),
                    raw = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_message_variants", x => x.id);
                    table.ForeignKey(
                        name: "FK_message_variants_messages_canonical_id",
                        column: x => x.canonical_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "threads",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    subject = table.Column<string>(type: "TEXT", nullable: false),
                    from_name = table.Column<string>(type: "TEXT", nullable: false),
                    from_email = table.Column<string>(type: "TEXT", nullable: false),
                    date = table.Column<long>(type: "INTEGER", nullable: true),
                    last_activity = table.Column<long>(type: "INTEGER", nullable: true),
                    message_count = table.Column<int>(type: "INTEGER", nullable: false),
                    lists = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_threads", x => x.id);
                    table.ForeignKey(
                        name: "FK_threads_messages_id",
                        column: x => x.id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_message_references_referenced_message_id",
                table: "message_references",
                column: "referenced_message_id");

            migrationBuilder.CreateIndex(
                name: "ix_message_variants_canonical_id",
                table: "message_variants",
                column: "canonical_id");

            migrationBuilder.CreateIndex(
                name: "ix_message_variants_message_id_content_hash",
                table: "message_variants",
                columns: new[] { "message_id", "content_hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_messages_message_id",
                table: "messages",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_messages_parent_id",
                table: "messages",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_messages_thread_id_date",
                table: "messages",
                columns: new[] { "thread_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_rejected_messages_import_id",
                table: "rejected_messages",
                column: "import_id");

            migrationBuilder.CreateIndex(
                name: "ix_rejected_messages_raw_hash",
                table: "rejected_messages",
                column: "raw_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_threads_last_activity",
                table: "threads",
                column: "last_activity");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "message_raw");

            migrationBuilder.DropTable(
                name: "message_references");

            migrationBuilder.DropTable(
                name: "message_variants");

            migrationBuilder.DropTable(
                name: "rejected_messages");

            migrationBuilder.DropTable(
                name: "threads");

            migrationBuilder.DropTable(
                name: "imports");

            migrationBuilder.DropTable(
                name: "messages");
        }
    }
}
