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
}
