using Onprest.Agent.Capabilities;
using Onprest.Agent.Logging;
using Onprest.Agent.OpenApi;
using Onprest.Agent.Execution;

namespace Onprest.Agent.Dispatch;

/// <summary>
/// Opens one <see cref="GatewaySession"/> per connection. The rate-limit buckets and the metadata answer are built
/// once and shared: buckets survive reconnects (docs/agent-databases.md), the document never changes while the agent runs.
/// </summary>
internal sealed class GatewaySessionFactory : IGatewaySessionFactory
{
    private readonly AgentConfiguration _configuration;
    private readonly ICapabilityExecutor _executor;
    private readonly AgentDetailLog? _log;
    private readonly RateLimitBuckets _buckets;
    private readonly Lazy<byte[]> _metadata;

    public GatewaySessionFactory(AgentConfiguration configuration, ICapabilityExecutor executor, AgentDetailLog? log, TimeProvider? time = null)
    {
        _configuration = configuration;
        _executor = executor;
        _log = log;
        _buckets = new RateLimitBuckets(configuration, log, time ?? TimeProvider.System);
        _metadata = new Lazy<byte[]>(() => MetadataAnswer.Build(configuration), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IGatewaySession Open() => new GatewaySession(_configuration, _executor, _buckets, _log, () => _metadata.Value);
}
