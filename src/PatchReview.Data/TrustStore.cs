using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Npgsql;

namespace PatchReview.Data;

/// <summary>
/// The first TLS handshake with PostgreSQL has .NET build the chain of the server's certificate, even under the SSL
/// modes that then accept any (Prefer, Npgsql's default, and Require), and building it reads the machine's trusted
/// certificates: on Debian the CA bundle and the 147 files of /etc/ssl/certs, about 0.1 s on the thread a command
/// starts on. .NET keeps the store once read, so a command reads it on its second core while it starts, and its
/// first handshake waits for that read rather than racing it: one that came midway would wait for .NET's lock and
/// then read the store again, as it decided to before it took the lock. The connections opened outside EF Core wait in
/// their TLS callback (<see cref="AwaitLoad"/>). EF's would need a data source of their own for one, which would take
/// them out of the shared pool, so the one command whose first connection is EF's, <c>migrate</c>, waits before it
/// connects (<see cref="Loaded"/>). An import of an empty file over TLS took 0.21 s this way against 0.30 s, and
/// 0.18 s without TLS (medians of eight).
/// </summary>
public static class TrustStore
{
    static Task? s_loading;

    public static void LoadInBackground(DatabaseSettings settings)
    {
        if (Environment.ProcessorCount > 1 && UsesTls(settings))
        {
            s_loading = Task.Run(Load);
        }
    }

    /// <summary>The store read ahead, or nothing to wait for.</summary>
    internal static Task Loaded => s_loading ?? Task.CompletedTask;

    /// <summary>Npgsql calls it just before each TLS handshake, through the connections' options callback.</summary>
    internal static void AwaitLoad(SslClientAuthenticationOptions options) => Loaded.Wait();

    /// <summary>
    /// Whether connections start TLS at once: Disable never does, Allow tries without it first, and PostgreSQL speaks
    /// no TLS on its Unix socket (a host that is a directory, <c>/var/run/postgresql</c>, or an abstract <c>@name</c>).
    /// Of several hosts, one reached over TCP is enough.
    /// </summary>
    internal static bool UsesTls(DatabaseSettings settings)
    {
        if (settings.Provider != DatabaseProvider.Postgres)
        {
            return false;
        }
        var connection = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        return connection.SslMode is not (SslMode.Disable or SslMode.Allow)
            && (connection.Host ?? "").Split(',').Any(host => !DatabaseSettings.IsUnixSocket(host));
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
        catch (Exception)
        {
            // Whatever fails here fails again in the handshake, which reports it in its own words.
        }
    }
}
