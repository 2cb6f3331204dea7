using System.Net;
using System.Text.RegularExpressions;
using PatchReview.Data.Accounts;

namespace PatchReview.Web.Tests.Security;

/// <summary>An HTTP client that keeps cookies and signs in through the sign-in form, as a browser does.</summary>
static partial class MaintainerBrowser
{
    public const string Password = "a long enough password";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static HttpClient Visitor(ArchiveFixture archive) =>
        new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = archive.Client.BaseAddress };

    /// <summary>Creates the maintainer when needed, then signs in with the antiforgery token of the form and the cookie it set.</summary>
    public static async Task<HttpClient> SignedInAsync(ArchiveFixture archive, string name)
    {
        var accounts = archive.Database.Get<MaintainerAccounts>();
        if (await accounts.SignInAsync(name, Password, Ct) is null)
        {
            await accounts.AddAsync(name, Password, Ct);
        }
        var browser = Visitor(archive);
        var form = await browser.GetStringAsync("/login?returnUrl=/series", Ct);
        using var response = await browser.PostAsync("/login?returnUrl=/series", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = TokenIn(form),
            ["UserName"] = name,
            ["Password"] = Password,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/series", new Uri(archive.Client.BaseAddress!, response.Headers.Location!).AbsolutePath);
        return browser;
    }

    /// <summary>The antiforgery token of the first form of a page.</summary>
    public static string TokenIn(string html) => AntiforgeryToken().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
