using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Mlops.Serving;

/// <summary>RFC 7807 problem documents for every refusal: a status, a title, the field at fault, and the request id.</summary>
public static class Problems
{
    public static ProblemHttpResult Of(HttpContext context, int status, string title, string detail, string? field = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Instance = context.Request.Path };
        if (field is not null) problem.Extensions["field"] = field;
        problem.Extensions["requestId"] = context.TraceIdentifier;
        context.RequestServices.GetService<ServingMetrics>()?.Rejected.WithLabels(status.ToString()).Inc();
        return TypedResults.Problem(problem);
    }
}
