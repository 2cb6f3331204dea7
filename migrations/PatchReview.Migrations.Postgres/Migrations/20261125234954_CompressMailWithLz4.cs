using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PatchReview.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Raw mail and bodies are stored out of line and compressed; PostgreSQL's default pglz took a third of the
    /// import's database time, lz4 (PostgreSQL 14+) a fraction of it. Servers built without lz4 keep pglz.
    /// </summary>
    public partial class CompressMailWithLz4 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => SetCompression(migrationBuilder, "lz4");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => SetCompression(migrationBuilder, "pglz");

        static void SetCompression(MigrationBuilder migrationBuilder, string method) => migrationBuilder.Sql($"""
            DO $$
            BEGIN
                ALTER TABLE message_raw ALTER COLUMN data SET COMPRESSION {method};
                ALTER TABLE messages ALTER COLUMN body_text SET COMPRESSION {method};
                ALTER TABLE message_variants ALTER COLUMN raw SET COMPRESSION {method};
                ALTER TABLE rejected_messages ALTER COLUMN raw SET COMPRESSION {method};
            EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
                RAISE NOTICE 'compression method {method} is not available; keeping the default';
            END $$;
            """);
    }
}
