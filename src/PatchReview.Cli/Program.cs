using System.CommandLine;
using PatchReview.Cli;
using PatchReview.Cli.Commands;

var import = new Command("import", "Import mail from mbox, mbox.gz, Maildir, .eml, public-inbox archives or standard input.");
var paths = new Argument<string[]>("path") { Description = "Archives to import; - reads standard input.", Arity = ArgumentArity.OneOrMore };
import.Arguments.Add(paths);
var verbose = new Option<bool>("--verbose", "-v")
{
    Description = "Instead of a progress bar, write a line to standard error as each batch is saved (the seconds since the command started, "
        + "then the counts so far) and as series and reviews are derived.",
};
import.Options.Add(verbose);
import.TreatUnmatchedTokensAsErrors = false;
import.SetAction((result, ct) => new ImportCommand(CliHost.Build(result.UnmatchedTokens)).RunAsync(result.GetValue(paths)!, result.GetValue(verbose), ct));

var migrate = new Command("migrate", "Create or upgrade the database schema (PostgreSQL deployments run this before starting the web host).");
migrate.TreatUnmatchedTokensAsErrors = false;
migrate.SetAction((result, ct) => new MigrateCommand(CliHost.Build(result.UnmatchedTokens)).RunAsync(ct));

var reanalyze = new Command("reanalyze",
    "Derive patches, trailers and series again from the stored mail: after an upgrade that added to the analysis, "
    + "such as a database imported before series were derived.");
reanalyze.TreatUnmatchedTokensAsErrors = false;
reanalyze.SetAction((result, ct) => new ReanalyzeCommand(CliHost.Build(result.UnmatchedTokens)).RunAsync(ct));

Command VersionLink(string name, string description, bool linked)
{
    var command = new Command(name, description);
    var earlier = new Argument<string>("earlier") { Description = "Message-ID of the earlier version's cover letter (else its first patch)." };
    var later = new Argument<string>("later") { Description = "Message-ID of the later version's cover letter (else its first patch)." };
    command.Arguments.Add(earlier);
    command.Arguments.Add(later);
    command.TreatUnmatchedTokensAsErrors = false;
    command.SetAction((result, ct) => new LinkCommand(CliHost.Build(result.UnmatchedTokens))
        .RunAsync(result.GetValue(earlier)!, result.GetValue(later)!, linked, ct));
    return command;
}

var user = new Command("user", "Maintainer accounts: who may confirm or reject decisions on the web and through the API.");
var userName = new Argument<string>("name") { Description = "The maintainer's user name, one word." };
var add = new Command("add", "Create a maintainer; the password is read from standard input.") { userName };
add.TreatUnmatchedTokensAsErrors = false;
add.SetAction((result, ct) => new UserCommand(CliHost.Build(result.UnmatchedTokens)).AddAsync(result.GetValue(userName)!, ct));
var tokenUser = new Argument<string>("name") { Description = "The maintainer the token acts for." };
var tokenName = new Option<string>("--label") { Description = "What the token is for, to tell tokens apart.", DefaultValueFactory = _ => "script" };
var token = new Command("token", "Make a bearer token for scripts and print it; it is shown once.") { tokenUser, tokenName };
token.TreatUnmatchedTokensAsErrors = false;
token.SetAction((result, ct) => new UserCommand(CliHost.Build(result.UnmatchedTokens)).TokenAsync(result.GetValue(tokenUser)!, result.GetValue(tokenName)!, ct));
user.Subcommands.Add(add);
user.Subcommands.Add(token);

var root = new RootCommand(
    "PatchReview: patch-series review from mailing-list archives.\n\n"
    + "Database settings are read as by the web host: appsettings.json, environment (Database__Provider, ConnectionStrings__PatchReview) "
    + "or the command line (--Database:Provider Postgres --ConnectionStrings:PatchReview \"Host=...\"). With none, SQLite in the user's data directory.")
{
    import,
    migrate,
    reanalyze,
    VersionLink("link", "Make one posted version the previous version of another, whatever the mail says; kept across re-imports.", linked: true),
    VersionLink("unlink", "Keep two posted versions apart: the later one starts a series of its own; kept across re-imports.", linked: false),
    user,
};
return await root.Parse(args).InvokeAsync();
