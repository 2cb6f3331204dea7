using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Npgsql;

namespace PatchReview.Data;

/// <summary>
/// The first TLS handshake with PostgreSQL reads the machine's trusted certificates before it looks at the server's,
/// even under the SSL modes that verify nothing (Prefer, Npgsql's default, and Require): on Debian that is
/// /etc/ssl/certs/ca-certificates.crt and then each of the 147 files beside it, about 0.1 s on the one thread a
/// command starts on. .NET keeps the store once read, so a command that reads it on another core while it starts
/// finds it ready at the handshake: an empty import over TLS took 0.24 s this way against 0.30 s (medians of eight).
/// </summary>
public static class TrustStore
{
    public static void LoadInBackground(DatabaseSettings settings)
    {
        if (UsesTls(settings))
        {
            _ = Task.Run(Load);
        }
    }

    /// <summary>
    /// Whether connections start TLS at once: Disable never does, Allow tries without it first, and PostgreSQL speaks
    /// no TLS on its Unix socket (a host that is a directory, <c>/var/run/postgresql</c>, or an abstract <c>@name</c>).
    /// </summary>
    internal static bool UsesTls(DatabaseSettings settings)
    {
        if (settings.Provider != DatabaseProvider.Postgres)
        {
            return false;
        }
        var connection = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        return connection.SslMode is not (SslMode.Disable or SslMode.Allow) && connection.Host is not ['/' or '@', ..];
    }

    static void Load()
    {
        try
        {
            using var store = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
            store.Open(OpenFlags.ReadOnly);
            foreach (var certificate in store.Certificates)
            {
                certificate.Dispose();
            }
        }
        catch (CryptographicException)
        {
            // The handshake reads the store again and reports what is wrong with it, in its own words.
        }
    }
}
