namespace Onprest.Agent.Capabilities.Loading;

/// <summary>
/// Decodes the node tree into a <see cref="RawConfiguration"/> with strict keys at every level, using the
/// context texts of the handbook. All failures are decode-time (<see cref="CapabilityDecodeException"/>).
/// </summary>
internal static class CapabilityYamlDecoder
{
    /// <summary>Decodes a document; a null or empty document is an empty configuration.</summary>
    public static RawConfiguration Decode(YamlNode? root)
    {
        if (root is null)
        {
            return new RawConfiguration();
        }

        var mapping = FieldReader.MappingOrNull(root, "configuration");
        if (mapping is null)
        {
            return new RawConfiguration();
        }

        var configuration = new RawConfiguration();
        foreach (var (key, value, keyNode) in YamlMappings.Entries(mapping, "configuration"))
        {
            configuration = key switch
            {
                "service" => configuration with { Service = DecodeService(value) },
                "runtime" => configuration with { Runtime = DecodeRuntime(value) },
                "gateway" => configuration with { Gateway = DecodeGateway(value) },
                "database" => configuration with { Database = DecodeDatabase(value) },
                "logging" => configuration with { Logging = DecodeLogging(value) },
                "defaults" => configuration with { Defaults = PolicyDecoder.Decode(value) ?? new RawPolicy() },
                "capabilities" => configuration with { Capabilities = CapabilityDecoder.DecodeAll(value) },
                _ => throw FieldReader.Unknown(keyNode, key, "configuration"),
            };
        }

        return configuration;
    }

    private static RawService DecodeService(YamlNode node)
    {
        const string context = "service definition";
        var service = new RawService();
        foreach (var (key, value, keyNode) in Entries(node, context))
        {
            service = key switch
            {
                "title" => service with { Title = FieldReader.String(value, "service.title") },
                "version" => service with { Version = FieldReader.String(value, "service.version") },
                "description" => service with { Description = FieldReader.String(value, "service.description") },
                _ => throw FieldReader.Unknown(keyNode, key, context),
            };
        }

        return service;
    }

    private static RawRuntime DecodeRuntime(YamlNode node)
    {
        const string context = "runtime definition";
        var runtime = new RawRuntime();
        foreach (var (key, value, keyNode) in Entries(node, context))
        {
            runtime = key switch
            {
                "max_concurrent_requests" => runtime with
                {
                    MaxConcurrentRequests = FieldReader.Int32(value, "runtime.max_concurrent_requests"),
                },
                "data_dir" => runtime with { DataDir = FieldReader.String(value, "runtime.data_dir") },
                _ => throw FieldReader.Unknown(keyNode, key, context),
            };
        }

        return runtime;
    }

    private static RawGateway DecodeGateway(YamlNode node)
    {
        const string context = "gateway definition";
        var gateway = new RawGateway();
        foreach (var (key, value, keyNode) in Entries(node, context))
        {
            gateway = key switch
            {
                "url" => gateway with { Url = FieldReader.String(value, "gateway.url") },
                "agent_private_key" => gateway with { AgentPrivateKey = FieldReader.String(value, "gateway.agent_private_key") },
                "allow_insecure_non_loopback_ws" => gateway with
                {
                    AllowInsecureNonLoopbackWs = FieldReader.Boolean(value, "gateway.allow_insecure_non_loopback_ws"),
                },
                _ => throw FieldReader.Unknown(keyNode, key, context),
            };
        }

        return gateway;
    }

    private static RawDatabase DecodeDatabase(YamlNode node)
    {
        const string context = "database definition";
        var database = new RawDatabase();
        foreach (var (key, value, keyNode) in Entries(node, context))
        {
            database = key switch
            {
                "driver" => database with { Driver = FieldReader.String(value, "database.driver") },
                "host" => database with { Host = FieldReader.String(value, "database.host") },
                "port" => database with { Port = FieldReader.Int32(value, "database.port") },
                "name" => database with { Name = FieldReader.String(value, "database.name") },
                "user" => database with { User = FieldReader.String(value, "database.user") },
                "password" => database with { Password = FieldReader.String(value, "database.password") },
                "path" => database with { Path = FieldReader.String(value, "database.path") },
                "mode" => database with { Mode = FieldReader.String(value, "database.mode") },
                "tls" => database with { Tls = DecodeTls(value) },
                _ => throw FieldReader.Unknown(keyNode, key, context),
            };
        }

        return database;
    }

    private static RawTls DecodeTls(YamlNode node)
    {
        const string context = "database tls definition";
        var tls = new RawTls();
        foreach (var (key, value, keyNode) in Entries(node, context))
        {
            tls = key switch
            {
                "mode" => tls with { Mode = FieldReader.String(value, "database.tls.mode") },
                "ca_file" => tls with { CaFile = FieldReader.String(value, "database.tls.ca_file") },
                "cert_file" => tls with { CertFile = FieldReader.String(value, "database.tls.cert_file") },
                "key_file" => tls with { KeyFile = FieldReader.String(value, "database.tls.key_file") },
                "server_name" => tls with { ServerName = FieldReader.String(value, "database.tls.server_name") },
                _ => throw FieldReader.Unknown(keyNode, key, context),
            };
        }

        return tls;
    }

    private static RawLogging DecodeLogging(YamlNode node)
    {
        const string context = "logging definition";
        var logging = new RawLogging();
        foreach (var (key, value, keyNode) in Entries(node, context))
        {
            logging = key switch
            {
                "max_size" => logging with { MaxSize = FieldReader.String(value, "logging.max_size") },
                "max_files" => logging with { MaxFiles = FieldReader.Int32(value, "logging.max_files") },
                _ => throw FieldReader.Unknown(keyNode, key, context),
            };
        }

        return logging;
    }

    /// <summary>The entries of a section; a YAML null section has none (its defaults apply).</summary>
    internal static List<MappingEntry> Entries(YamlNode node, string context) =>
        FieldReader.MappingOrNull(node, context) is { } mapping ? YamlMappings.Entries(mapping, context) : [];
}
