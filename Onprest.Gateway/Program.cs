using Onprest.Contracts;

if (args is ["version"] or ["--version"])
{
    Console.Out.WriteLine($"onprest-gateway {BuildInfo.Version}");
    return 0;
}

var builder = WebApplication.CreateSlimBuilder(args);
var app = builder.Build();
app.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to <c>WebApplicationFactory</c> in tests.</summary>
public partial class Program;
