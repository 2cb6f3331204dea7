namespace PatchReview.Web.Tests;

public sealed class MessageIdPathTests
{
    [Theory]
    [InlineData("20220427140410.GX2125828@nvidia.com", "20220427140410.GX2125828@nvidia.com")]
    [InlineData("a/b+c$d=e&f@example.org", "a%2Fb%2Bc%24d%3De%26f@example.org")]
    [InlineData("100%pure@example.org", "100%25pure@example.org")]
    [InlineData("x%2Fy@example.org", "x%252Fy@example.org")]
    [InlineData("<odd> id?#@example.org", "%3Codd%3E%20id%3F%23@example.org")]
    public void Message_id_is_one_percent_encoded_path_segment_keeping_the_at_sign(string messageId, string encoded)
    {
        Assert.Equal(encoded, MessageIdPath.Encode(messageId));
        Assert.Equal("/m/" + encoded, MessageIdPath.Message(messageId));
        Assert.Equal("/t/" + encoded, MessageIdPath.Thread(messageId));
        Assert.Equal("/api/v1/messages/" + encoded + "/raw", MessageIdPath.Raw(messageId));
        Assert.Equal(messageId, Uri.UnescapeDataString(encoded));
    }

    [Fact]
    public void Anchor_is_stable_and_differs_between_ids_that_differ_only_in_case()
    {
        Assert.Equal(MessageIdPath.Anchor("Case@Example.org"), MessageIdPath.Anchor("Case@Example.org"));
        Assert.NotEqual(MessageIdPath.Anchor("Case@Example.org"), MessageIdPath.Anchor("case@example.org"));
        Assert.Matches("^m-[0-9a-f]{12}$", MessageIdPath.Anchor("a/b+c$d=e&f@example.org"));
    }
}
