using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using PatchReview.Data.Accounts;

namespace PatchReview.Web.Security;

/// <summary>
/// Who may change things: maintainers, signed in with a cookie in the browser, or with a bearer token from
/// <c>patchreview user token</c> in scripts. Reading is public unless <c>Security:RequireSignIn</c> is true.
/// </summary>
public static class MaintainerAuthentication
{
    public const string BearerScheme = "Bearer";
    const string EitherScheme = "CookieOrBearer";

    /// <summary>The API's write routes take a bearer token only: a browser's cookie would let any page post on the maintainer's behalf.</summary>
    public const string TokenPolicy = "MaintainerToken";

    public const string RequireSignInKey = "Security:RequireSignIn";

    /// <exception cref="FormatException">Security:RequireSignIn is neither true nor false.</exception>
    public static IServiceCollection AddMaintainerAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var requireSignIn = configuration[RequireSignInKey] switch
        {
            null or "" => false,
            var text when bool.TryParse(text, out var value) => value,
            var text => throw new FormatException($"{RequireSignInKey} must be true or false, not \"{text}\"."),
        };
        services.AddAuthentication(EitherScheme)
            .AddPolicyScheme(EitherScheme, "Cookie, or a bearer token when the request has one", options =>
                options.ForwardDefaultSelector = http => http.Request.Headers.Authorization.ToString()
                    .StartsWith(BearerScheme + " ", StringComparison.OrdinalIgnoreCase) ? BearerScheme : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/login";
                options.Cookie.Name = "patchreview";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.ExpireTimeSpan = TimeSpan.FromDays(14);
                options.SlidingExpiration = true;
                // The API answers 401 rather than redirecting a script to a sign-in page.
                options.Events.OnRedirectToLogin = context =>
                {
                    if (context.Request.Path.StartsWithSegments("/api"))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        return Task.CompletedTask;
                    }
                    context.Response.Redirect(context.RedirectUri);
                    return Task.CompletedTask;
                };
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(BearerScheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(TokenPolicy, policy => policy.AddAuthenticationSchemes(BearerScheme).RequireAuthenticatedUser());
        if (requireSignIn)
        {
            services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        }
        services.AddCascadingAuthenticationState();
        return services;
    }

    public static ClaimsPrincipal Principal(MaintainerIdentity maintainer, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, maintainer.Id.ToString(CultureInfo.InvariantCulture)),
        new Claim(ClaimTypes.Name, maintainer.UserName),
    ], scheme));

    /// <summary>The signed-in maintainer, or null for a visitor.</summary>
    public static MaintainerIdentity? Maintainer(this ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true && long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id)
            ? new MaintainerIdentity(id, user.Identity.Name ?? "")
            : null;
}

/// <summary><c>Authorization: Bearer prt_…</c>, checked against the hashes of the tokens <c>patchreview user token</c> made.</summary>
sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, MaintainerAccounts accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(MaintainerAuthentication.BearerScheme + " ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var maintainer = await accounts.FindByTokenAsync(header[(MaintainerAuthentication.BearerScheme.Length + 1)..].Trim(), Context.RequestAborted);
        return maintainer is null
            ? AuthenticateResult.Fail("The bearer token is not one patchreview user token made, or it was revoked.")
            : AuthenticateResult.Success(new AuthenticationTicket(MaintainerAuthentication.Principal(maintainer, Scheme.Name), Scheme.Name));
    }
}
