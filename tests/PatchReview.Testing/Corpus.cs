namespace PatchReview.Testing;

/// <summary>Paths to the real list mail the tests read: <c>../shared/corpus/</c> beside the repository.</summary>
public static class Corpus
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string ZpciSeries => Require(Path.Combine(RepositoryRoot, "..", "shared", "corpus", "zpci-series.mbox.gz"));

    public static string LinuxS390Quarter => Require(Path.Combine(RepositoryRoot, "..", "shared", "corpus", "linux-s390-2022q2.mbox.gz"));

    /// <summary>The sample shipped with the project for the dashboard's first run.</summary>
    public static string Sample => Require(Path.Combine(RepositoryRoot, "samples", "zpci-series.mbox.gz"));

    static string Require(string path) => File.Exists(path)
        ? Path.GetFullPath(path)
        : throw new FileNotFoundException($"The corpus file {Path.GetFullPath(path)} is missing; the tests read real list mail from ../shared/corpus beside the repository.");

    static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PatchReview.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No PatchReview.sln above {AppContext.BaseDirectory}.");
    }
}
