namespace Mlops.Serving;

/// <summary>
/// Gives every request an id, the caller's <c>X-Request-Id</c> when it sends a sane one, and returns it on every response,
/// so a log line, a problem document and a client's retry can be matched.
/// </summary>
public static class RequestIds
{
    public const string Header = "X-Request-Id";

    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var given = context.Request.Headers[Header].ToString();
        if (given.Length is > 0 and <= 128 && given.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            context.TraceIdentifier = given;
        context.Response.Headers[Header] = context.TraceIdentifier;
        await next(context);
    });
}
