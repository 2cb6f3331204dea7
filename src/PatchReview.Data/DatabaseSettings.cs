using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace PatchReview.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which database to use, read the same way by every host: <c>Database:Provider</c> and <c>ConnectionStrings:PatchReview</c>.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "Database:Provider";
    public const string ConnectionStringKey = "ConnectionStrings:PatchReview";

    /// <summary>
    /// Reads and checks the settings. With nothing set, SQLite in a file under the user's data directory
    /// (<c>~/.local/share/patchreview/patchreview.db</c> on Linux), so the first command works without configuration.
    /// </summary>
    /// <exception cref="DatabaseConfigurationException">A setting is wrong; the message names it.</exception>
    public static DatabaseSettings FromConfiguration(IConfiguration configuration)
    {
        var providerText = configuration[ProviderKey];
        var connectionString = configuration[ConnectionStringKey];
        var provider = providerText?.Trim().ToLowerInvariant() switch
        {
            null or "" or "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
            _ => throw new DatabaseConfigurationException(
                $"{ProviderKey} is \"{providerText}\"; it must be \"Sqlite\" or \"Postgres\"."),
        };

        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new DatabaseConfigurationException(
                    $"{ProviderKey} is \"Postgres\" but {ConnectionStringKey} is empty; set it to a PostgreSQL connection string such as \"Host=localhost;Database=patchreview;Username=patchreview;Password=...\".");
            }
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(connectionString);
                if (string.IsNullOrEmpty(builder.Host))
                {
                    throw new DatabaseConfigurationException($"{ConnectionStringKey} names no Host for PostgreSQL.");
                }
                // Pages run the same few queries again and again, and PostgreSQL planned each anew: a millisecond of a
                // series page's three. Statements used twice on a connection are prepared, unless the setting says
                // otherwise (a pooler in transaction mode cannot keep them).
                if (!Names(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
                {
                    builder.MaxAutoPrepare = AutoPrepared;
                    if (!Names(connectionString, "Auto Prepare Min Usages", "AutoPrepareMinUsages"))
                    {
                        builder.AutoPrepareMinUsages = 2;
                    }
                }
                // A connection to this machine stays on it, where TLS protects only against someone who can already
                // capture loopback traffic, and costs both ends on the same cores: an import sends its mail twice (raw
                // and parsed). The steady state of the 52,845-message benchmark was 3,702-3,800 msgs/s without TLS
                // against 3,162-3,620 over it (five interleaved pairs). So a local server is asked for TLS only if it
                // insists on it, unless the connection string says anything about TLS: channel binding, for one,
                // needs it.
                if (!Names(connectionString, TlsKeys) && IsLocal(builder.Host))
                {
                    builder.SslMode = SslMode.Allow;
                }
                connectionString = builder.ConnectionString;
            }
            catch (ArgumentException ex)
            {
                throw new DatabaseConfigurationException($"{ConnectionStringKey} is not a valid PostgreSQL connection string: {ex.Message}");
            }
            return new DatabaseSettings(provider, connectionString);
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var directory = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "patchreview");
            Directory.CreateDirectory(directory);
            connectionString = $"Data Source={Path.Combine(directory, "patchreview.db")}";
        }
        try
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            if (string.IsNullOrEmpty(builder.DataSource))
            {
                throw new DatabaseConfigurationException($"{ConnectionStringKey} names no Data Source for SQLite.");
            }
        }
        catch (ArgumentException ex)
        {
            throw new DatabaseConfigurationException($"{ConnectionStringKey} is not a valid SQLite connection string: {ex.Message}");
        }
        return new DatabaseSettings(provider, connectionString);
    }

    /// <summary>Statements each PostgreSQL connection keeps prepared: every query a page or the importer runs, and room to spare.</summary>
    const int AutoPrepared = 128;

    /// <summary>Npgsql's settings that ask for TLS or configure it, under both of their names.</summary>
    static readonly string[] TlsKeys =
    [
        "SSL Mode", "SslMode", "Channel Binding", "ChannelBinding", "SSL Negotiation", "SslNegotiation", "Root Certificate",
        "RootCertificate", "SSL Certificate", "SslCertificate", "SSL Key", "SslKey", "SSL Password", "SslPassword",
    ];

    /// <summary>
    /// Whether every host is this machine: <c>localhost</c>, a loopback address (with or without its port), or a Unix
    /// socket (PostgreSQL speaks no TLS on a socket anyway). A local port that forwards elsewhere is not this machine:
    /// its connection string should say <c>SSL Mode=Require</c>.
    /// </summary>
    internal static bool IsLocal(string hosts) => hosts.Split(',').All(entry =>
    {
        var host = entry.Trim();
        if (IsUnixSocket(host))
        {
            return true;
        }
        if (host.StartsWith('[') && host.IndexOf(']') is > 0 and var close)
        {
            host = host[1..close];
        }
        else if (host.Count(c => c == ':') == 1)
        {
            host = host[..host.IndexOf(':')];
        }
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    });

    /// <summary>A host that is PostgreSQL's Unix socket: a directory (<c>/var/run/postgresql</c>) or an abstract <c>@name</c>.</summary>
    internal static bool IsUnixSocket(string host) => Path.IsPathRooted(host) || host.StartsWith('@');

    static bool Names(string connectionString, params string[] keys)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return keys.Any(given.ContainsKey);
    }
}

/// <summary>A database setting is missing or wrong. The message is one sentence that names the setting.</summary>
public sealed class DatabaseConfigurationException(string message) : Exception(message);
