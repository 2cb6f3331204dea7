using System.Text;
using PatchReview.Data;
using PatchReview.Data.Accounts;
using PatchReview.Testing;

namespace PatchReview.Cli.Tests.Commands;

public sealed class UserCommandTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task User_add_reads_the_password_from_standard_input_and_the_maintainer_can_sign_in()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.Sqlite);

        var result = await CliProcess.RunAsync(database.Settings, ["user", "add", "MRosato"], Encoding.UTF8.GetBytes("correct horse battery\n"));

        Assert.Equal((0, "Maintainer mrosato can now sign in.\n"), (result.ExitCode, result.Stdout));
        var accounts = database.Get<MaintainerAccounts>();
        Assert.Equal("mrosato", (await accounts.SignInAsync("mrosato", "correct horse battery", Ct))?.UserName);
        Assert.Null(await accounts.SignInAsync("mrosato", "wrong horse battery", Ct));
    }

    [Fact]
    public async Task A_short_password_and_a_taken_name_are_refused_with_exit_code_2()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.Sqlite);

        var tooShort = await CliProcess.RunAsync(database.Settings, ["user", "add", "jgg"], Encoding.UTF8.GetBytes("short\n"));
        await CliProcess.RunAsync(database.Settings, ["user", "add", "jgg"], Encoding.UTF8.GetBytes("a long enough password\n"));
        var taken = await CliProcess.RunAsync(database.Settings, ["user", "add", "JGG"], Encoding.UTF8.GetBytes("another long password\n"));

        Assert.Equal((2, $"The password must have at least {MaintainerAccounts.MinimumPasswordLength} characters. (Parameter 'password')"), (tooShort.ExitCode, tooShort.Stderr.Trim()));
        Assert.Equal(2, taken.ExitCode);
        Assert.StartsWith("There is already a maintainer called jgg.", taken.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_token_prints_a_token_that_identifies_the_maintainer()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.Sqlite);
        await CliProcess.RunAsync(database.Settings, ["user", "add", "borntraeger"], Encoding.UTF8.GetBytes("a long enough password\n"));

        var result = await CliProcess.RunAsync(database.Settings, ["user", "token", "borntraeger", "--label", "ci"]);
        var unknown = await CliProcess.RunAsync(database.Settings, ["user", "token", "nobody"]);

        Assert.Equal(0, result.ExitCode);
        var token = result.Stdout.Trim();
        Assert.StartsWith(MaintainerAccounts.TokenPrefix, token, StringComparison.Ordinal);
        Assert.Equal("borntraeger", (await database.Get<MaintainerAccounts>().FindByTokenAsync(token, Ct))?.UserName);
        Assert.Null(await database.Get<MaintainerAccounts>().FindByTokenAsync(token + "x", Ct));
        Assert.Equal(2, unknown.ExitCode);
    }
}
