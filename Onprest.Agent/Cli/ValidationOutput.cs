using Onprest.Agent.Capabilities.Loading;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Onprest.Agent.Capabilities;

namespace Onprest.Agent.Cli;

/// <summary>The exact <c>validate</c> outputs of docs/cli.md, text and JSON.</summary>
internal static class ValidationOutput
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Text success line (stdout): <c>validation succeeded: driver=&lt;driver&gt; capabilities=&lt;n&gt;</c>.</summary>
    public static string SuccessText(AgentConfiguration configuration) =>
        $"validation succeeded: driver={configuration.Database.Driver.ConfigName()} capabilities={configuration.Capabilities.Count}\n";

    /// <summary>Text failure line (stderr).</summary>
    public static string FailureText(ValidationFailure failure)
    {
        var line = new StringBuilder("validate: ");
        line.Append(failure.Stage == ValidationStages.CapabilityExplain && failure.Capability is not null
            ? $"capability \"{failure.Capability}\" EXPLAIN validation failed"
            : failure.Configuration?.Explanation ?? failure.Message);
        if (failure.DetailLog is not null)
        {
            line.Append("; see validation detail log: ").Append(failure.DetailLog);
        }

        if (failure.CleanupPath is not null)
        {
            line.Append("; remove incomplete temporary file after validation exits: ").Append(failure.CleanupPath);
        }

        return line.Append('\n').ToString();
    }

    public static string SuccessJson(AgentConfiguration configuration) => Json(writer =>
    {
        writer.WriteBoolean("valid", true);
        writer.WriteString("database_driver", configuration.Database.Driver.ConfigName());
        writer.WriteNumber("capabilities", configuration.Capabilities.Count);
    });

    public static string FailureJson(ValidationFailure failure) => Json(writer =>
    {
        writer.WriteBoolean("valid", false);
        writer.WriteString("stage", failure.Stage);
        if (failure.Stage == ValidationStages.CapabilityExplain && failure.Capability is not null)
        {
            writer.WriteString("capability", failure.Capability);
        }

        writer.WriteString("message", failure.Message);
        if (failure.Configuration is { } error)
        {
            WriteLocation(writer, error);
        }

        if (failure.DetailLog is not null)
        {
            writer.WriteString("detail_log", failure.DetailLog);
        }

        if (failure.CleanupPath is not null)
        {
            writer.WriteString("cleanup_path", failure.CleanupPath);
        }
    });

    // Where a configuration error is, for tools: the same facts as the text line, never a configured value.
    private static void WriteLocation(Utf8JsonWriter writer, ConfigurationError error)
    {
        writer.WriteString("explanation", error.Explanation);
        if (error.File is not null)
        {
            writer.WriteString("file", error.File);
        }

        if (error.Line is { } line)
        {
            writer.WriteNumber("line", line);
        }

        if (error.Column is { } column and > 0)
        {
            writer.WriteNumber("column", column);
        }

        if (error.FieldPath is not null)
        {
            writer.WriteString("field", error.FieldPath);
        }

        writer.WriteString("reason", error.Reason);
        if (error.Fix is not null)
        {
            writer.WriteString("fix", error.Fix);
        }
    }

    private static string Json(Action<Utf8JsonWriter> members)
    {
        var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n";
    }
}
