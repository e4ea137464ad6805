using System.Diagnostics;
using Onprest.Contracts.Errors;
using Onprest.Gateway.Network;

namespace Onprest.Gateway.Http;

/// <summary>
/// Step 1 of docs/gateway.md: wraps everything; an unhandled error becomes 500 <c>GATEWAY_INTERNAL_ERROR</c>
/// when the response has not started. The exception text is deliberately dropped: it could carry request data.
/// </summary>
public sealed class ExceptionGuardMiddleware(RequestDelegate next, EdgeRejections rejections)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var edge = new EdgeRequest(Stopwatch.GetTimestamp());
        context.Features.Set(edge);
        try
        {
            await next(context);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nobody is left to answer.
        }
        catch (Exception)
        {
            if (!edge.EventWritten)
            {
                rejections.Log(context, StatusCodes.Status500InternalServerError, PublicErrors.GatewayInternal);
            }

            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                CorsHeaders.Apply(context, edge.CorsOrigin);
                await ErrorResponses.WriteAsync(context, StatusCodes.Status500InternalServerError, PublicErrors.GatewayInternal);
            }
        }
    }
}
