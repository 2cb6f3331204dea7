using System.Globalization;
using PatchReview.Benchmarks;

// bench/run.sh drives these; each prints plain "name: value" lines.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
return args switch
{
    ["archive", var corpus, var output, var messages] => await SyntheticArchive.WriteAsync(corpus, output, int.Parse(messages, CultureInfo.InvariantCulture)),
    ["import", var provider, var connectionString, var archive] => await ImportRun.RunAsync(provider, connectionString, archive),
    ["review", var provider, var connectionString] => await DerivationRun.ReviewAsync(provider, connectionString),
    ["series", var provider, var connectionString] => await DerivationRun.SeriesAsync(provider, connectionString),
    ["discussions", var archive] => await DiscussionRun.RunAsync(archive),
    ["load", var url, var clients, var seconds] => await LoadRun.RunAsync(url, int.Parse(clients, CultureInfo.InvariantCulture), int.Parse(seconds, CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: PatchReview.Benchmarks archive <corpus.mbox.gz> <out.mbox.gz> <messages>
               PatchReview.Benchmarks import <Sqlite|Postgres> <connection string> <archive>
               PatchReview.Benchmarks review <Sqlite|Postgres> <connection string of an imported database>
               PatchReview.Benchmarks series <Sqlite|Postgres> <connection string of an imported database>
               PatchReview.Benchmarks load <url> <clients> <seconds>
               PatchReview.Benchmarks discussions <archive>
        """);
    return 2;
}
