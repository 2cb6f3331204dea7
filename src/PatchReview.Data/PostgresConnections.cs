using Npgsql;

namespace PatchReview.Data;

/// <summary>
/// PostgreSQL connections opened outside EF Core: the importer's and the migration check's. Their TLS handshake waits
/// for the trust store a command reads ahead (<see cref="TrustStore"/>).
/// </summary>
static class PostgresConnections
{
    public static NpgsqlConnection Create(string connectionString) => new(connectionString)
    {
        SslClientAuthenticationOptionsCallback = TrustStore.AwaitLoad,
    };
}
