using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PatchReview.Data;
using PatchReview.Testing;

namespace PatchReview.Cli.Tests.Commands;

public sealed class ImportCommandTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Import_of_the_zpci_series_ends_with_one_summary_line_and_exit_code_0()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.Postgres);

        var result = await CliProcess.RunAsync(database.Settings, ["import", Corpus.ZpciSeries]);

        Assert.Equal(0, result.ExitCode);
        var summary = Assert.Single(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^read 621, stored 621, duplicates 0, variants 0, rejected 0 in \d+\.\d\d s \(\d+ msgs/s\)$", summary);
    }

    [Fact]
    public async Task Verbose_import_writes_a_line_per_saved_batch_with_the_seconds_and_the_counts_then_one_per_derivation()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.Postgres);

        var result = await CliProcess.RunAsync(database.Settings, ["import", "--verbose", Corpus.ZpciSeries]);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Matches($@"^\d+\.\d\d s: {Regex.Escape(Corpus.ZpciSeries)}: deriving series$", lines[2]);
        Assert.Matches($@"^\d+\.\d\d s: {Regex.Escape(Corpus.ZpciSeries)}: deriving reviews$", lines[3]);
        var batches = lines[..2]
            .Select(line => Regex.Match(line, $@"^(\d+\.\d\d) s: {Regex.Escape(Corpus.ZpciSeries)}: read (\d+), stored (\d+), duplicates 0, variants 0, rejected 0$"))
            .ToList();
        Assert.All(batches, batch => Assert.True(batch.Success));
        // The first batch is small so that saving starts early; the other 421 messages are under a batch's 4 MB.
        Assert.Equal([200, 621], batches.Select(b => int.Parse(b.Groups[2].Value, CultureInfo.InvariantCulture)));
        Assert.Equal([200, 621], batches.Select(b => int.Parse(b.Groups[3].Value, CultureInfo.InvariantCulture)));
        Assert.True(double.Parse(batches[0].Groups[1].Value, CultureInfo.InvariantCulture) <= double.Parse(batches[1].Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal($"{Corpus.ZpciSeries}: read 621, stored 621, duplicates 0, variants 0, rejected 0", lines[^1]);
        Assert.Matches(@"^read 621, stored 621, duplicates 0, variants 0, rejected 0 in \d+\.\d\d s \(\d+ msgs/s\)\n$", result.Stdout);
    }

    [Fact]
    public async Task Reimport_stores_nothing_and_counts_duplicates()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.Postgres);

        await CliProcess.RunAsync(database.Settings, ["import", Corpus.ZpciSeries]);
        var again = await CliProcess.RunAsync(database.Settings, ["import", Corpus.ZpciSeries]);

        Assert.Equal(0, again.ExitCode);
        Assert.StartsWith("read 621, stored 0, duplicates 621, variants 0, rejected 0 in ", again.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unparsable_message_is_rejected_counted_and_not_fatal()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.Postgres);
        var path = Path.Combine(Directory.CreateTempSubdirectory("patchreview-cli-").FullName, "mixed.mbox");
        var mbox = new StringBuilder()
            .Append("From mboxrd@z Thu Jan  1 00:00:00 1970\n")
            .Append(Encoding.UTF8.GetString(MailFixtures.Message("ok@example.org", "[PATCH] fine"))).Append('\n')
            .Append("From mboxrd@z Thu Jan  1 00:00:00 1970\n")
            .Append("\n\n")
            .ToString();
        await File.WriteAllTextAsync(path, mbox, Ct);

        var result = await CliProcess.RunAsync(database.Settings, ["import", path]);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("read 2, stored 1, duplicates 0, variants 0, rejected 1 in ", result.Stdout, StringComparison.Ordinal);
        await using var db = await database.CreateDbAsync();
        var rejected = await db.RejectedMessages.SingleAsync(Ct);
        Assert.Equal(path, rejected.Source);
    }

    [Fact]
    public async Task Dash_reads_a_gzip_mbox_from_standard_input()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.Postgres);

        var result = await CliProcess.RunAsync(database.Settings, ["import", "-"], await File.ReadAllBytesAsync(Corpus.ZpciSeries, Ct));

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("read 621, stored 621, duplicates 0, variants 0, rejected 0 in ", result.Stdout, StringComparison.Ordinal);
        await using var db = await database.CreateDbAsync();
        Assert.Equal("-", (await db.Imports.SingleAsync(Ct)).Source);
    }

    [Fact]
    public async Task Missing_file_fails_with_one_sentence_naming_it()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.Postgres);

        var result = await CliProcess.RunAsync(database.Settings, ["import", "/nonexistent/list.mbox"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/nonexistent/list.mbox", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Corrupt_gzip_fails_with_the_file_and_offset()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.Postgres);
        var path = Path.Combine(Directory.CreateTempSubdirectory("patchreview-cli-").FullName, "cut.mbox.gz");
        var whole = await File.ReadAllBytesAsync(Corpus.ZpciSeries, Ct);
        await File.WriteAllBytesAsync(path, whole[..(whole.Length / 2)], Ct);

        var result = await CliProcess.RunAsync(database.Settings, ["import", path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(path, result.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"byte \d+", result.Stderr);
    }

    [Fact]
    public async Task Unknown_provider_stops_with_a_sentence_naming_the_setting()
    {
        var result = await CliProcess.RunAsync(new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" }, ["import", Corpus.ZpciSeries]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Database:Provider is \"Oracle\"; it must be \"Sqlite\" or \"Postgres\".", result.Stderr.Trim());
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_stops_with_a_sentence_naming_the_setting()
    {
        var result = await CliProcess.RunAsync(
            new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:PatchReview"] = "" }, ["migrate"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("Database:Provider is \"Postgres\" but ConnectionStrings:PatchReview is empty", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqlite_database_is_created_and_migrated_on_first_import()
    {
        var directory = Directory.CreateTempSubdirectory("patchreview-cli-").FullName;
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:PatchReview"] = $"Data Source={Path.Combine(directory, "new", "pr.db")}" };

        var result = await CliProcess.RunAsync(settings, ["import", Corpus.ZpciSeries]);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("read 621, stored 621, ", result.Stdout, StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Help_describes_every_command()
    {
        var root = await CliProcess.RunAsync(new Dictionary<string, string?>(), ["--help"]);
        var import = await CliProcess.RunAsync(new Dictionary<string, string?>(), ["import", "--help"]);
        var migrate = await CliProcess.RunAsync(new Dictionary<string, string?>(), ["migrate", "--help"]);
        var reanalyze = await CliProcess.RunAsync(new Dictionary<string, string?>(), ["reanalyze", "--help"]);

        Assert.Equal((0, 0, 0, 0), (root.ExitCode, import.ExitCode, migrate.ExitCode, reanalyze.ExitCode));
        Assert.Contains("import", root.Stdout, StringComparison.Ordinal);
        Assert.Contains("migrate", root.Stdout, StringComparison.Ordinal);
        Assert.Contains("reanalyze", root.Stdout, StringComparison.Ordinal);
        Assert.Contains("stored mail", reanalyze.Stdout, StringComparison.Ordinal);
        Assert.Contains("standard input", import.Stdout, StringComparison.Ordinal);
        Assert.Contains("schema", migrate.Stdout, StringComparison.Ordinal);
    }
}

public sealed class ReanalyzeCommandTests
{
    [Fact]
    public async Task Reanalyze_derives_the_series_of_every_stored_message_again_and_exits_0()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.Sqlite);
        await CliProcess.RunAsync(database.Settings, ["import", Corpus.ZpciSeries]);

        var result = await CliProcess.RunAsync(database.Settings, ["reanalyze"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^analysed 621 messages in \d+\.\d\d s$", result.Stdout.Trim());
        await using var db = await database.CreateDbAsync();
        Assert.Equal(9, await db.SeriesVersions.CountAsync(v => v.Title == "KVM: s390: enable zPCI for interpretive execution", TestContext.Current.CancellationToken));
    }
}

public sealed class VersionLinkCommandTests
{
    // The heads of zPCI v3 and v4: their cover letters.
    const string V3 = "20220204211536.321475-1-mjrosato@linux.ibm.com";
    const string V4 = "20220314194451.58266-1-mjrosato@linux.ibm.com";

    [Fact]
    public async Task Unlink_then_link_say_where_the_later_version_stands_and_unknown_ids_exit_2()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.Sqlite);
        await CliProcess.RunAsync(database.Settings, ["import", Corpus.ZpciSeries]);

        var unlink = await CliProcess.RunAsync(database.Settings, ["unlink", V3, $"<{V4}>"]);
        var link = await CliProcess.RunAsync(database.Settings, ["link", V3, V4]);
        var unknown = await CliProcess.RunAsync(database.Settings, ["link", V3, "nothing@example.org"]);

        Assert.Equal(0, unlink.ExitCode);
        Assert.Matches($@"^{Regex.Escape(V4)} no longer follows {Regex.Escape(V3)}; it is in series \d+\.$", unlink.Stdout.Trim());
        Assert.Equal(0, link.ExitCode);
        Assert.Matches($@"^{Regex.Escape(V4)} now follows {Regex.Escape(V3)}, in series 2\.$", link.Stdout.Trim());
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("nothing@example.org is not the head of a posted version (its cover letter, else its first patch).", unknown.Stderr.Trim());
    }
}

public sealed class MigrateCommandTests
{
    [Fact]
    public async Task Migrate_creates_the_schema_of_an_empty_postgres_database_and_is_idempotent()
    {
        await using var empty = await EmptyPostgresDatabase.CreateAsync();

        var first = await CliProcess.RunAsync(empty.Settings, ["migrate"]);
        var second = await CliProcess.RunAsync(empty.Settings, ["migrate"]);
        var import = await CliProcess.RunAsync(empty.Settings, ["import", Corpus.ZpciSeries]);

        Assert.Equal((0, 0, 0), (first.ExitCode, second.ExitCode, import.ExitCode));
        Assert.Equal("The Postgres database is up to date.", first.Stdout.Trim());
        Assert.StartsWith("read 621, stored 621, ", import.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_into_an_unmigrated_postgres_database_asks_for_migrate()
    {
        await using var empty = await EmptyPostgresDatabase.CreateAsync();

        var result = await CliProcess.RunAsync(empty.Settings, ["import", Corpus.ZpciSeries]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("run \"patchreview migrate\" first", result.Stderr, StringComparison.Ordinal);
    }
}
