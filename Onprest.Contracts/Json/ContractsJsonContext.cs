using System.Text.Json.Serialization;
using Onprest.Contracts.Tunnel;

namespace Onprest.Contracts.Json;

/// <summary>Source-generated JSON metadata for the contract records.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TunnelCancel))]
[JsonSerializable(typeof(TunnelError))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
