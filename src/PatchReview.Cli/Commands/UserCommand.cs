using Microsoft.Extensions.DependencyInjection;
using PatchReview.Data;
using PatchReview.Data.Accounts;

namespace PatchReview.Cli.Commands;

/// <summary>
/// <c>patchreview user add NAME</c> creates a maintainer; <c>patchreview user token NAME</c> makes a bearer token for
/// scripts. The password is read from standard input (one line), never from the command line, where other users of
/// the machine could see it in the process list.
/// </summary>
sealed class UserCommand(CliHost host)
{
    public Task<int> AddAsync(string userName, CancellationToken ct) => host.RunAsync("Cannot use the database", async services =>
    {
        await services.GetRequiredService<DatabaseMigrator>().EnsureReadyAsync(ct);
        if (!Console.IsInputRedirected)
        {
            await Console.Error.WriteAsync($"Password for {userName} (at least {MaintainerAccounts.MinimumPasswordLength} characters): ");
        }
        var password = await Console.In.ReadLineAsync(ct) ?? "";
        try
        {
            var maintainer = await services.GetRequiredService<MaintainerAccounts>().AddAsync(userName, password, ct);
            Console.WriteLine($"Maintainer {maintainer.UserName} can now sign in.");
            return 0;
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
    });

    public Task<int> TokenAsync(string userName, string tokenName, CancellationToken ct) => host.RunAsync("Cannot use the database", async services =>
    {
        await services.GetRequiredService<DatabaseMigrator>().EnsureReadyAsync(ct);
        try
        {
            var token = await services.GetRequiredService<MaintainerAccounts>().AddTokenAsync(userName, tokenName, ct);
            // Only the token on standard output, so that a script can capture it; it cannot be shown again.
            Console.WriteLine(token);
            await Console.Error.WriteLineAsync("Send it as \"Authorization: Bearer <token>\". It is kept only as a hash and cannot be shown again.");
            return 0;
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
    });
}
