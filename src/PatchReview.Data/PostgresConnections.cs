using Npgsql;

namespace PatchReview.Data;

/// <summary>PostgreSQL connections opened outside EF Core (the importer's, the migration check's), set up as EF's are.</summary>
static class PostgresConnections
{
    public static NpgsqlConnection Create(string connectionString) => new(connectionString)
    {
        SslClientAuthenticationOptionsCallback = TrustStore.AwaitLoad,
    };
}
