using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace PatchReview.Web.Security;

public static class SignOutEndpoint
{
    /// <summary><c>POST /logout</c> from the form in the page header; the form carries an antiforgery token, which minimal APIs check for form posts.</summary>
    public static void MapSignOut(this IEndpointRouteBuilder app) =>
        app.MapPost("/logout", async (HttpContext http, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect(LocalUrl.OrRoot(returnUrl));
        }).AllowAnonymous().ExcludeFromDescription();
}
