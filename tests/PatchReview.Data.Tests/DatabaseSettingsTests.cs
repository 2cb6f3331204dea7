using Microsoft.Extensions.Configuration;
using Npgsql;
using PatchReview.Data;

namespace PatchReview.Data.Tests;

public sealed class DatabaseSettingsTests
{
    static DatabaseSettings Postgres(string connectionString) => DatabaseSettings.FromConfiguration(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = "Postgres",
            [DatabaseSettings.ConnectionStringKey] = connectionString,
        }).Build());

    [Fact]
    public void PostgreSQL_connections_prepare_the_statements_they_repeat_unless_told_otherwise()
    {
        var prepared = new NpgsqlConnectionStringBuilder(Postgres("Host=db;Database=patchreview;Username=u;Password=p").ConnectionString);
        var told = new NpgsqlConnectionStringBuilder(Postgres("Host=db;Database=patchreview;Max Auto Prepare=0").ConnectionString);

        Assert.Equal((128, 2, "db", "p"), (prepared.MaxAutoPrepare, prepared.AutoPrepareMinUsages, prepared.Host, prepared.Password));
        Assert.Equal(0, told.MaxAutoPrepare);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData(";SSL Mode=Prefer", true)]
    [InlineData(";SSL Mode=Require", true)]
    [InlineData(";SSL Mode=VerifyFull", true)]
    [InlineData(";SSL Mode=Allow", false)]
    [InlineData(";SSL Mode=Disable", false)]
    public void The_trusted_certificates_are_read_ahead_for_connections_that_start_TLS(string sslMode, bool readAhead) =>
        Assert.Equal(readAhead, TrustStore.UsesTls(Postgres("Host=db;Database=patchreview" + sslMode)));

    [Theory]
    [InlineData("/var/run/postgresql")]
    [InlineData("@patchreview")]
    public void No_certificates_are_read_for_the_server_s_Unix_socket(string host) =>
        Assert.False(TrustStore.UsesTls(Postgres($"Host={host};Database=patchreview;SSL Mode=Prefer")));

    [Fact]
    public void An_embedded_database_reads_no_certificates() =>
        Assert.False(TrustStore.UsesTls(DatabaseSettings.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [DatabaseSettings.ConnectionStringKey] = "Data Source=/tmp/x.db" }).Build())));
}
