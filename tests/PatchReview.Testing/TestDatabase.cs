using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PatchReview.Data;
using Xunit;

namespace PatchReview.Testing;

/// <summary>
/// A fresh, migrated database for one test class, with the data services over it.
/// PostgreSQL databases are copied from a template migrated once per test process.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    ServiceProvider? _services;

    public abstract DatabaseProvider Provider { get; }

    public string ConnectionString { get; protected set; } = "";

    /// <summary>The settings as a host reads them, for WebApplicationFactory and the CLI.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [DatabaseSettings.ProviderKey] = Provider.ToString(),
        [DatabaseSettings.ConnectionStringKey] = ConnectionString,
    };

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("The database is not initialised yet.");

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task<PatchReviewDb> CreateDbAsync() => await Get<IDbContextFactory<PatchReviewDb>>().CreateDbContextAsync();

    public async ValueTask InitializeAsync()
    {
        await CreateAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        _services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FixedTimeProvider())
            .AddPatchReviewData(configuration)
            .BuildServiceProvider();
        if (Provider == DatabaseProvider.Sqlite)
        {
            await Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        await DropAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract Task CreateAsync();

    protected abstract Task DropAsync();
}

public sealed class SqliteTestDatabase : TestDatabase
{
    string? _directory;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task CreateAsync()
    {
        _directory = Directory.CreateTempSubdirectory("patchreview-test-").FullName;
        ConnectionString = $"Data Source={Path.Combine(_directory, "patchreview.db")};Pooling=False";
        return Task.CompletedTask;
    }

    protected override Task DropAsync()
    {
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
        return Task.CompletedTask;
    }
}

public sealed class PostgresTestDatabase : TestDatabase
{
    /// <summary>Where the test server is; <c>scripts/test.sh</c> provisions it and sets this variable.</summary>
    public const string ServerVariable = "PATCHREVIEW_TEST_POSTGRES";
    const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=patchreview;Password=patchreview;Database=postgres";

    static readonly SemaphoreSlim TemplateLock = new(1, 1);
    static string? _template;
    static int _counter;
    string? _name;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    static string Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : DefaultServer;

    protected override async Task CreateAsync()
    {
        var template = await EnsureTemplateAsync();
        _name = $"patchreview_test_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}";
        await ExecuteOnServerAsync($"CREATE DATABASE {_name} TEMPLATE {template}");
        ConnectionString = WithDatabase(_name);
    }

    protected override async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_name is not null)
        {
            await DropDatabaseAsync(_name);
        }
    }

    static async Task<string> EnsureTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_template is not null)
            {
                return _template;
            }
            var name = $"patchreview_template_{Environment.ProcessId}";
            await DropDatabaseAsync(name);
            await ExecuteOnServerAsync($"CREATE DATABASE {name}");
            var options = new DbContextOptionsBuilder<PatchReviewDb>();
            DataServiceCollectionExtensions.Configure(options, new DatabaseSettings(DatabaseProvider.Postgres, WithDatabase(name)));
            await using (var db = new PatchReviewDb(options.Options))
            {
                await db.Database.MigrateAsync();
            }
            NpgsqlConnection.ClearAllPools();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropTemplate(name);
            return _template = name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    static void DropTemplate(string name) => DropDatabaseAsync(name).GetAwaiter().GetResult();

    /// <summary>
    /// A plain DROP stops autovacuum workers itself, while FORCE would need pg_signal_backend to end them
    /// (42501 "must be a member of the role whose process is being terminated"). FORCE is kept for a
    /// connection that a failed test left open, which belongs to the test role.
    /// </summary>
    internal static async Task DropDatabaseAsync(string name)
    {
        try
        {
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {name}");
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse)
        {
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    internal static string WithDatabase(string database) => new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString;

    internal static async Task ExecuteOnServerAsync(string sql)
    {
        try
        {
            await using var connection = new NpgsqlConnection(Server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException { SqlState: null } or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException(
                $"Cannot reach the test PostgreSQL server ({ServerVariable}=\"{Server}\"): {ex.Message}. Run scripts/test.sh, which starts one, "
                + $"or start PostgreSQL yourself and set {ServerVariable} to a role that may CREATE DATABASE.", ex);
        }
    }
}

public static class TestDatabases
{
    /// <summary>A fresh database for one test: <c>await using var database = await TestDatabases.CreateAsync(provider);</c></summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        TestDatabase database = provider == DatabaseProvider.Postgres ? new PostgresTestDatabase() : new SqliteTestDatabase();
        await database.InitializeAsync();
        return database;
    }
}

/// <summary>A PostgreSQL database with no schema at all, for testing <c>patchreview migrate</c>.</summary>
public sealed class EmptyPostgresDatabase : IAsyncDisposable
{
    static int _counter;
    readonly string _name;

    EmptyPostgresDatabase(string name, string connectionString)
    {
        _name = name;
        Settings = new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = "Postgres",
            [DatabaseSettings.ConnectionStringKey] = connectionString,
        };
    }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public static async Task<EmptyPostgresDatabase> CreateAsync()
    {
        var name = $"patchreview_empty_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}";
        await PostgresTestDatabase.ExecuteOnServerAsync($"CREATE DATABASE {name}");
        return new EmptyPostgresDatabase(name, PostgresTestDatabase.WithDatabase(name));
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await PostgresTestDatabase.DropDatabaseAsync(_name);
    }
}
