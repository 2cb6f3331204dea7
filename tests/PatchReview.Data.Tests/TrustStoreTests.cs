using Microsoft.Extensions.Configuration;
using PatchReview.Data;

namespace PatchReview.Data.Tests;

public sealed class TrustStoreTests
{
    static DatabaseSettings Settings(string? provider, string connectionString) => DatabaseSettings.FromConfiguration(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = provider,
            [DatabaseSettings.ConnectionStringKey] = connectionString,
        }).Build());

    [Theory]
    [InlineData("", true)]
    [InlineData(";SSL Mode=Prefer", true)]
    [InlineData(";SSL Mode=Require", true)]
    [InlineData(";SSL Mode=VerifyCA", true)]
    [InlineData(";SSL Mode=VerifyFull", true)]
    [InlineData(";SSL Mode=Allow", false)]
    [InlineData(";SSL Mode=Disable", false)]
    public void The_trusted_certificates_are_read_ahead_for_connections_that_start_TLS(string sslMode, bool readAhead) =>
        Assert.Equal(readAhead, TrustStore.UsesTls(Settings("Postgres", "Host=db;Database=patchreview" + sslMode)));

    [Theory]
    [InlineData("/var/run/postgresql", false)]
    [InlineData("@patchreview", false)]
    [InlineData("/var/run/postgresql,standby", true)]
    public void PostgreSQL_s_Unix_socket_speaks_no_TLS_but_another_host_may(string hosts, bool readAhead) =>
        Assert.Equal(readAhead, TrustStore.UsesTls(Settings("Postgres", $"Host={hosts};Database=patchreview;SSL Mode=Prefer")));

    [Fact]
    public void An_embedded_database_reads_no_certificates() =>
        Assert.False(TrustStore.UsesTls(Settings(null, "Data Source=" + Path.Combine(Path.GetTempPath(), "trust-store-tests.db"))));
}
