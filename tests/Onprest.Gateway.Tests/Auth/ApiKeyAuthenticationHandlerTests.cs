using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Onprest.Gateway.Auth;
using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Auth;

public sealed class ApiKeyAuthenticationHandlerTests
{
    private static ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TestKeys.Options());
        services.AddSingleton<TimeProvider>(new ManualTimeProvider());
        services.AddApiKeyAuthentication();
        return services.BuildServiceProvider();
    }

    private static DefaultHttpContext Request(IServiceProvider services, string? apiKey)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        if (apiKey is not null)
        {
            context.Request.Headers[ApiKeyHeaders.ApiKeyHeader] = apiKey;
        }

        return context;
    }

    [Fact]
    public async Task A_valid_key_gives_a_fresh_principal_named_after_the_key_on_every_request()
    {
        await using var services = Services();
        var principals = new List<ClaimsPrincipal>();
        for (var i = 0; i < 2; i++)
        {
            using var scope = services.CreateScope();
            var context = Request(scope.ServiceProvider, TestKeys.CustomerKey);
            var result = await context.AuthenticateAsync(ApiKeyDefaults.AuthenticationScheme);

            Assert.True(result.Succeeded);
            var identity = Assert.IsType<ClaimsIdentity>(result.Principal!.Identity);
            Assert.Equal(ApiKeyDefaults.AuthenticationScheme, identity.AuthenticationType);
            Assert.True(identity.IsAuthenticated);
            Assert.Equal(TestKeys.Customer.Name, identity.Name);
            var claim = Assert.Single(identity.Claims);
            Assert.Equal((ClaimTypes.Name, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer), (claim.Type, claim.ValueType, claim.Issuer, claim.OriginalIssuer));
            Assert.Same(identity, claim.Subject);
            Assert.Same(TestKeys.Customer, context.Features.Get<ApiKeyOutcome>()!.Key);
            principals.Add(result.Principal);
        }

        Assert.NotSame(principals[0], principals[1]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    public async Task A_missing_or_wrong_key_fails_with_the_invalid_outcome(string? apiKey)
    {
        await using var services = Services();
        using var scope = services.CreateScope();
        var context = Request(scope.ServiceProvider, apiKey);

        var outcome = await context.AuthenticateApiKeyAsync();

        Assert.Same(ApiKeyOutcome.Invalid, outcome);
        var result = await context.AuthenticateAsync(ApiKeyDefaults.AuthenticationScheme);
        Assert.Equal("invalid api key", result.Failure!.Message);
    }
}
