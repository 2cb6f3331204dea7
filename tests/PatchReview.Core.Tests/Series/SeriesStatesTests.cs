using PatchReview.Core.Series;
using Xunit;

namespace PatchReview.Core.Tests.Series;

public sealed class SeriesStatesTests
{
    static readonly PatchReviewState Approved = new(Approved: true, Commented: false);
    static readonly PatchReviewState Commented = new(Approved: false, Commented: true);
    static readonly PatchReviewState Untouched = new(Approved: false, Commented: false);

    [Fact]
    public void A_pull_request_carrying_the_patches_makes_it_applied_whatever_the_reviews()
    {
        Assert.Equal(SeriesState.Applied, SeriesStates.Derive(applied: true, othersReplied: true, [Commented, Untouched]));
    }

    [Fact]
    public void Every_patch_approved_makes_it_reviewed()
    {
        Assert.Equal(SeriesState.Reviewed, SeriesStates.Derive(applied: false, othersReplied: true, [Approved, Approved]));
    }

    [Fact]
    public void A_comment_without_approval_on_a_patch_requests_changes()
    {
        Assert.Equal(SeriesState.ChangesRequested, SeriesStates.Derive(applied: false, othersReplied: true, [Approved, Commented]));
    }

    [Fact]
    public void Replies_or_some_approvals_make_it_under_review()
    {
        Assert.Equal(SeriesState.UnderReview, SeriesStates.Derive(applied: false, othersReplied: true, [Untouched, Untouched]));
        Assert.Equal(SeriesState.UnderReview, SeriesStates.Derive(applied: false, othersReplied: false, [Approved, Untouched]));
    }

    [Fact]
    public void Nobody_but_the_author_answering_leaves_it_new()
    {
        Assert.Equal(SeriesState.New, SeriesStates.Derive(applied: false, othersReplied: false, [Untouched]));
        // A cover letter whose patches never reached the list has nothing to approve.
        Assert.Equal(SeriesState.New, SeriesStates.Derive(applied: false, othersReplied: false, []));
        Assert.Equal(SeriesState.UnderReview, SeriesStates.Derive(applied: false, othersReplied: true, []));
    }

    [Theory]
    [InlineData(SeriesState.New, "new")]
    [InlineData(SeriesState.UnderReview, "under-review")]
    [InlineData(SeriesState.ChangesRequested, "changes-requested")]
    [InlineData(SeriesState.Reviewed, "reviewed")]
    [InlineData(SeriesState.Superseded, "superseded")]
    [InlineData(SeriesState.Applied, "applied")]
    public void Each_state_has_its_api_name(SeriesState state, string name)
    {
        Assert.Equal(name, state.ToApiName());
    }
}
