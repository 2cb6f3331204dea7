using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PatchReview.Data;

namespace PatchReview.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for Sqlite without a running host.</summary>
public sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<PatchReviewDb>
{
    public PatchReviewDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PatchReviewDb>();
        DataServiceCollectionExtensions.Configure(options, new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=patchreview_design.db"));
        return new PatchReviewDb(options.Options);
    }
}
