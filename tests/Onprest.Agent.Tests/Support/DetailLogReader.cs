using System.Text.Json;

namespace Onprest.Agent.Tests.Support;

/// <summary>Reads detail-log JSON lines back for assertions.</summary>
internal static class DetailLogReader
{
    public static List<JsonElement> Records(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var records = new List<JsonElement>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                records.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
        }

        return records;
    }
}
