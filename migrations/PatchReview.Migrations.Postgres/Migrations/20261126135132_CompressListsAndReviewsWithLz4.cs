using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PatchReview.Migrations.Postgres.Migrations
{
    /// <summary>
    /// The columns that still took pglz when their row outgrew a page's share: the Cc lists of list mail (after a
    /// linux-s390 quarter, pglz held 36% of them), analysis arrays, and the review pass's quotes, comments and reviews.
    /// pglz was 4% of the server's time during the batches of an import. Servers built without lz4 keep pglz.
    /// </summary>
    public partial class CompressListsAndReviewsWithLz4 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => SetCompression(migrationBuilder, "lz4");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => SetCompression(migrationBuilder, "pglz");

        static void SetCompression(MigrationBuilder migrationBuilder, string method) => migrationBuilder.Sql($"""
            DO $$
            BEGIN
                ALTER TABLE messages ALTER COLUMN "to" SET COMPRESSION {method}, ALTER COLUMN cc SET COMPRESSION {method};
                ALTER TABLE mail_analysis ALTER COLUMN files SET COMPRESSION {method}, ALTER COLUMN diff_sketch SET COMPRESSION {method},
                    ALTER COLUMN text_sketch SET COMPRESSION {method};
                ALTER TABLE message_quotes ALTER COLUMN blocks SET COMPRESSION {method};
                ALTER TABLE patch_comments ALTER COLUMN comments SET COMPRESSION {method};
                ALTER TABLE series_reviews ALTER COLUMN review SET COMPRESSION {method}, ALTER COLUMN decisions SET COMPRESSION {method};
                ALTER TABLE changelog_entries ALTER COLUMN text SET COMPRESSION {method};
            EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
                RAISE NOTICE 'compression method {method} is not available; keeping the default';
            END $$;
            """);
    }
}
