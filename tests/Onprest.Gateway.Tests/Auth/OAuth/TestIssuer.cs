using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Onprest.Gateway.Tests.Auth.OAuth;

/// <summary>
/// A small OAuth authorization server on a real loopback port: issuer metadata (OpenID and RFC 8414 paths), a JWKS
/// endpoint, and a client-credentials token endpoint that honours the RFC 8707 <c>resource</c> parameter. Its
/// ES256 keys can be rotated to make the gateway meet an unknown <c>kid</c>.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string Secret, string Scope)> _clients = new();
    private volatile SigningKey[] _published;
    private int _jwksFetches;

    private TestIssuer(WebApplication app, SigningKey first)
    {
        _app = app;
        _published = [first];
    }

    public string Url { get; private set; } = string.Empty;

    public string MetadataUrl => Url + "/.well-known/openid-configuration";

    /// <summary>How often the JWKS document was served (a refresh after an unknown <c>kid</c> adds one).</summary>
    public int JwksFetches => Volatile.Read(ref _jwksFetches);

    /// <summary>The key new tokens are signed with.</summary>
    public SigningKey Current => _published[^1];

    public static async Task<TestIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var issuer = new TestIssuer(app, SigningKey.Create("k1"));
        app.MapGet("/.well-known/openid-configuration", issuer.MetadataAsync);
        app.MapGet("/.well-known/oauth-authorization-server", issuer.MetadataAsync);
        app.MapGet("/jwks", issuer.JwksAsync);
        app.MapPost("/token", issuer.TokenAsync);
        await app.StartAsync();
        issuer.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return issuer;
    }

    /// <summary>Publishes a new key and signs with it from now on; the old one stays published.</summary>
    public SigningKey Rotate(string kid)
    {
        var key = SigningKey.Create(kid);
        _published = [.. _published, key];
        return key;
    }

    /// <summary>Registers a client for the client-credentials grant with the scope it may receive.</summary>
    public void AddClient(string id, string secret, string scope) => _clients[id] = (secret, scope);

    /// <summary>A token signed with <paramref name="key"/> (default: the current key) carrying the given claims.</summary>
    public string Issue(IDictionary<string, object> claims, SigningKey? key = null, DateTime? expires = null, DateTime? notBefore = null, string? issuer = null)
    {
        var signing = key ?? Current;
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Url,
            Claims = claims,
            IssuedAt = (notBefore ?? now).AddSeconds(-1),
            NotBefore = notBefore ?? now.AddSeconds(-1),
            Expires = expires ?? now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(signing.SecurityKey, SecurityAlgorithms.EcdsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task MetadataAsync(HttpContext context) => Results.Json(new Dictionary<string, object>
    {
        ["issuer"] = Url,
        ["jwks_uri"] = Url + "/jwks",
        ["token_endpoint"] = Url + "/token",
        ["authorization_endpoint"] = Url + "/authorize",
        ["grant_types_supported"] = new[] { "client_credentials" },
        ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_basic" },
        ["response_types_supported"] = new[] { "token" },
        ["id_token_signing_alg_values_supported"] = new[] { "ES256" },
        ["subject_types_supported"] = new[] { "public" },
    }).ExecuteAsync(context);

    private Task JwksAsync(HttpContext context)
    {
        Interlocked.Increment(ref _jwksFetches);
        var keys = _published.Select(k => k.Jwk).ToArray();
        return Results.Json(new { keys }).ExecuteAsync(context);
    }

    private async Task TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var basic = context.Request.Headers.Authorization.ToString();
        if (!basic.StartsWith("Basic ", StringComparison.Ordinal) || form["grant_type"] != "client_credentials")
        {
            await Results.Json(new { error = "invalid_request" }, statusCode: 400).ExecuteAsync(context);
            return;
        }

        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic[6..])).Split(':', 2);
        var id = Uri.UnescapeDataString(pair[0]);
        if (!_clients.TryGetValue(id, out var client) || Uri.UnescapeDataString(pair[1]) != client.Secret)
        {
            await Results.Json(new { error = "invalid_client" }, statusCode: 401).ExecuteAsync(context);
            return;
        }

        var claims = new Dictionary<string, object> { ["sub"] = id, ["client_id"] = id, ["scope"] = client.Scope };
        if (form["resource"].ToString() is { Length: > 0 } resource)
        {
            claims["aud"] = resource;
        }

        var token = Issue(claims);
        await Results.Json(new { access_token = token, token_type = "Bearer", expires_in = 300, scope = client.Scope }).ExecuteAsync(context);
    }

    /// <summary>An ES256 key pair and its public JWK.</summary>
    public sealed record SigningKey(string Kid, ECDsaSecurityKey SecurityKey, Dictionary<string, string> Jwk)
    {
        public static SigningKey Create(string kid)
        {
            var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
            var jwk = new Dictionary<string, string>
            {
                ["kty"] = "EC",
                ["crv"] = "P-256",
                ["use"] = "sig",
                ["alg"] = "ES256",
                ["kid"] = kid,
                ["x"] = Base64UrlEncoder.Encode(parameters.Q.X),
                ["y"] = Base64UrlEncoder.Encode(parameters.Q.Y),
            };
            return new SigningKey(kid, new ECDsaSecurityKey(ecdsa) { KeyId = kid }, jwk);
        }

        /// <summary>A different key pair that claims the same <c>kid</c> (a forged signature).</summary>
        public SigningKey Impostor() => Create(Kid) with { Kid = Kid };
    }
}
