using System.Text.Json.Serialization;

namespace Onprest.Gateway.Auth.OAuth;

[JsonSerializable(typeof(string[]))]
internal sealed partial class OAuthJsonContext : JsonSerializerContext;
