namespace Onprest.Agent.Capabilities.Loading;

/// <summary>The YAML core-schema tags the loader understands, as the parser reports them.</summary>
internal static class YamlTags
{
    public const string Str = "tag:yaml.org,2002:str";
    public const string Int = "tag:yaml.org,2002:int";
    public const string Float = "tag:yaml.org,2002:float";
    public const string Bool = "tag:yaml.org,2002:bool";
    public const string Null = "tag:yaml.org,2002:null";
    public const string Merge = "tag:yaml.org,2002:merge";
    public const string Map = "tag:yaml.org,2002:map";
    public const string Seq = "tag:yaml.org,2002:seq";

    /// <summary>The non-specific tag <c>!</c>: a scalar carrying it is a string.</summary>
    public const string NonSpecific = "!";
}
