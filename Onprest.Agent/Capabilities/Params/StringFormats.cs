namespace Onprest.Agent.Capabilities.Params;

/// <summary>The <c>format</c> check of a string value (docs/agent-params.md); null when it passes.</summary>
internal static class StringFormats
{
    public static string? Check(StringFormat format, string value) => format switch
    {
        StringFormat.None => null,
        StringFormat.Email => EmailFormat.IsValid(value) ? null : ParamReasons.MustBe(format),
        StringFormat.Uuid => UuidFormat.IsValid(value) ? null : ParamReasons.MustBe(format),
        StringFormat.Date => DateFormats.IsDate(value) ? null : ParamReasons.MustBe(format),
        StringFormat.DateTime => DateFormats.IsDateTime(value) ? null : ParamReasons.MustBe(format),
        StringFormat.Uri => UriFormat.Check(value) switch
        {
            UriFormat.Result.Valid => null,
            UriFormat.Result.MissingScheme => ParamReasons.MustIncludeUriScheme,
            _ => ParamReasons.MustBe(format),
        },
        _ => ParamReasons.MustBe(format),
    };
}
