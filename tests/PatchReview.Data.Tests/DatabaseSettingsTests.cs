using Microsoft.Extensions.Configuration;
using Npgsql;
using PatchReview.Data;
using PatchReview.Testing;

namespace PatchReview.Data.Tests;

public sealed class DatabaseSettingsTests
{
    static DatabaseSettings Postgres(string connectionString) => DatabaseSettings.FromConfiguration(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = "Postgres",
            [DatabaseSettings.ConnectionStringKey] = connectionString,
        }).Build());

    /// <summary>The TLS mode the settings give a connection string.</summary>
    static SslMode SslModeOf(string connectionString) => new NpgsqlConnectionStringBuilder(Postgres(connectionString).ConnectionString).SslMode;

    [Fact]
    public void PostgreSQL_connections_prepare_the_statements_they_repeat_unless_told_otherwise()
    {
        var prepared = new NpgsqlConnectionStringBuilder(Postgres("Host=db;Database=patchreview;Username=u;Password=p").ConnectionString);
        var told = new NpgsqlConnectionStringBuilder(Postgres("Host=db;Database=patchreview;Max Auto Prepare=0").ConnectionString);

        Assert.Equal((128, 2, "db", "p"), (prepared.MaxAutoPrepare, prepared.AutoPrepareMinUsages, prepared.Host, prepared.Password));
        Assert.Equal(0, told.MaxAutoPrepare);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST:5433")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2:5432")]
    [InlineData("::1")]
    [InlineData("[::1]:5432")]
    [InlineData("localhost,127.0.0.1")]
    [InlineData("/var/run/postgresql,localhost")]
    public void A_server_on_this_machine_is_asked_for_TLS_only_if_it_insists(string hosts) =>
        Assert.Equal(SslMode.Allow, SslModeOf($"Host={hosts};Database=patchreview"));

    [Theory]
    [InlineData("db")]
    [InlineData("10.0.0.5")]
    [InlineData("localhost,db")]
    [InlineData("127.0.0.1.example.org")]
    [InlineData("[2001:db8::1]:5432")]
    [InlineData("localhost,")]
    [InlineData("localhost.")]
    public void A_server_elsewhere_keeps_Npgsql_s_default_of_TLS_when_the_server_offers_it(string hosts) =>
        Assert.Equal(SslMode.Prefer, SslModeOf($"Host={hosts};Database=patchreview"));

    [Theory]
    [InlineData("SSL Mode=Prefer", SslMode.Prefer)]
    [InlineData("SslMode=Require", SslMode.Require)]
    [InlineData("ssl mode=VerifyFull", SslMode.VerifyFull)]
    public void An_SSL_mode_the_connection_string_sets_is_kept_for_a_local_server(string sslMode, SslMode expected) =>
        Assert.Equal(expected, SslModeOf($"Host=localhost;Database=patchreview;{sslMode}"));

    [Theory]
    [InlineData("Channel Binding=Require")]
    [InlineData("ChannelBinding=Require")]
    [InlineData("SSL Negotiation=Direct")]
    [InlineData("Root Certificate=/etc/ssl/certs/db.pem")]
    [InlineData("SSL Certificate=/etc/patchreview/client.crt")]
    [InlineData("SSL Key=/etc/patchreview/client.key")]
    [InlineData("SSL Password=secret")]
    public void A_local_connection_string_that_configures_TLS_keeps_Npgsql_s_default(string tls) =>
        Assert.Equal(SslMode.Prefer, SslModeOf($"Host=localhost;Database=patchreview;{tls}"));

    [Fact]
    public async Task Connections_to_the_local_test_server_go_without_TLS_which_the_same_server_gives_when_asked()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.Postgres);
        var settings = DatabaseSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build());
        Assert.True(DatabaseSettings.IsLocal(new NpgsqlConnectionStringBuilder(settings.ConnectionString).Host!),
            "the test server is expected on this machine (scripts/test.sh provisions it on 127.0.0.1)");

        var (serverTls, local) = await EncryptedAsync(settings.ConnectionString);
        var (_, asked) = await EncryptedAsync(settings.ConnectionString + ";SSL Mode=Require");

        Assert.True(serverTls, "the test server has ssl off; Debian's PostgreSQL turns it on, and this test needs it");
        Assert.False(local);
        Assert.True(asked);
    }

    /// <summary>Whether the server has TLS on, and whether this connection uses it.</summary>
    static async Task<(bool ServerTls, bool Encrypted)> EncryptedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT current_setting('ssl') = 'on', ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        await reader.ReadAsync(TestContext.Current.CancellationToken);
        return (reader.GetBoolean(0), reader.GetBoolean(1));
    }
}
