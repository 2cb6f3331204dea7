using System.Globalization;
using PatchReview.Benchmarks;

// bench/run.sh drives these; each prints plain "name: value" lines.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
return args switch
{
    ["archive", var corpus, var output, var messages] => await SyntheticArchive.WriteAsync(corpus, output, int.Parse(messages, CultureInfo.InvariantCulture)),
    ["import", var provider, var connectionString, var archive] => await ImportRun.RunAsync(provider, connectionString, archive),
    ["review", var provider, var connectionString, .. var passes] when Passes(passes) is { } n => await DerivationRun.ReviewAsync(provider, connectionString, n),
    ["series", var provider, var connectionString, .. var passes] when Passes(passes) is { } n => await DerivationRun.SeriesAsync(provider, connectionString, n),
    ["discussions", var archive] => await DiscussionRun.RunAsync(archive),
    ["parse", var archive, .. var passes] when Passes(passes) is { } n => await ParseRun.RunAsync(archive, n),
    ["load", var url, var clients, var seconds] => await LoadRun.RunAsync(url, int.Parse(clients, CultureInfo.InvariantCulture), int.Parse(seconds, CultureInfo.InvariantCulture)),
    _ => Usage(),
};

// An optional count of passes, 1 by default; null when it is not a positive number.
static int? Passes(string[] passes) => passes switch
{
    [] => 1,
    [var text] when int.TryParse(text, CultureInfo.InvariantCulture, out var n) && n > 0 => n,
    _ => null,
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: PatchReview.Benchmarks archive <corpus.mbox.gz> <out.mbox.gz> <messages>
               PatchReview.Benchmarks import <Sqlite|Postgres> <connection string> <archive>
               PatchReview.Benchmarks review <Sqlite|Postgres> <connection string of an imported database> [passes]
               PatchReview.Benchmarks series <Sqlite|Postgres> <connection string of an imported database> [passes]
               PatchReview.Benchmarks load <url> <clients> <seconds>
               PatchReview.Benchmarks discussions <archive>
               PatchReview.Benchmarks parse <archive> [passes]
        """);
    return 2;
}
