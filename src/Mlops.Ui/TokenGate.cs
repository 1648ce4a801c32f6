using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Mlops.Ui;

/// <summary>
/// Lets a request through when it carries the dashboard's token: <c>Authorization: Bearer</c>, the cookie set on first
/// visit, or <c>?token=</c> on that first visit (which sets the cookie and redirects to the same page without it, so the
/// token does not stay in the address bar or the history). Compared in constant time.
/// </summary>
public sealed class TokenGate(string token)
{
    private const string Cookie = "mlops_ui_token";
    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (Matches(request.Query["token"]))
        {
            context.Response.Cookies.Append(Cookie, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = request.IsHttps });
            var query = QueryString.Create(request.Query.Where(q => q.Key != "token"));
            context.Response.Redirect(request.PathBase + request.Path + query);
            return;
        }
        var bearer = request.Headers.Authorization.ToString();
        if (Matches(request.Cookies[Cookie]) || (bearer.StartsWith("Bearer ", StringComparison.Ordinal) && Matches(bearer["Bearer ".Length..])))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        await context.Response.WriteAsJsonAsync(new { error = "This dashboard needs its token: open it once as /?token=TOKEN (the token mlops ui was started with)." });
    }

    private bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _token);
}
