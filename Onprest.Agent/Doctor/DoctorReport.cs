using System.Text;
using System.Text.Json;

namespace Onprest.Agent.Doctor;

/// <summary>The doctor output of docs/cli.md: one text line per check, or one JSON line.</summary>
internal static class DoctorReport
{
    public static string Text(IReadOnlyList<DoctorCheck> checks)
    {
        var text = new StringBuilder();
        foreach (var check in checks)
        {
            text.Append("doctor ").Append(check.Stage).Append(": ").Append(check.Status)
                .Append(" (").Append(check.Code).Append(") ").Append(check.Message).Append('\n');
        }

        return text.ToString();
    }

    public static string Json(IReadOnlyList<DoctorCheck> checks)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteBoolean("ok", IsOk(checks));
            json.WriteStartArray("checks");
            foreach (var check in checks)
            {
                json.WriteStartObject();
                json.WriteString("stage", check.Stage);
                json.WriteString("status", check.Status);
                json.WriteString("code", check.Code);
                json.WriteString("message", check.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Every check passed; a skipped <c>gateway_tls</c> for <c>ws://</c> counts as passed.</summary>
    public static bool IsOk(IReadOnlyList<DoctorCheck> checks) =>
        checks.All(c => c.Status == DoctorCheck.Passed || c.Code == "NOT_APPLICABLE");
}
