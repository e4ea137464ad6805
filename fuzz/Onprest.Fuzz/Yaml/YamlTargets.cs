using System.Text;
using Onprest.Agent.Capabilities.Loading;
using Onprest.Fuzz.Running;

namespace Onprest.Fuzz.Yaml;

/// <summary>
/// The capability.yaml reader: bytes through the strict UTF-8 decoding (only its documented decode exception may
/// leave it), and text through decoding and lint, which must always end in a result — a configuration or one
/// error message — and never in an exception.
/// </summary>
public static class YamlTargets
{
    public static FuzzReport Run(long iterations, int seed, TimeSpan? perInputLimit = null)
    {
        var report = new FuzzReport("yaml", seed);
        var seeds = Repository.ExampleCapabilityFiles().Select(File.ReadAllText).ToArray();
        var folder = Directory.CreateTempSubdirectory("onprest-fuzz-yaml-").FullName;
        try
        {
            FuzzLoop.Run(
                report,
                iterations,
                random => random.Next(4) == 0 ? (Bytes: YamlGenerator.Bytes(random, seeds), Text: (string?)null) : (Bytes: (byte[]?)null, Text: YamlGenerator.Text(random, seeds)),
                (input, r) => Check(input.Bytes, input.Text, folder, r),
                input => input.Text ?? Encoding.Latin1.GetString(input.Bytes!),
                perInputLimit ?? TimeSpan.FromSeconds(5));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return report;
    }

    private static void Check(byte[]? bytes, string? text, string folder, FuzzReport report)
    {
        if (bytes is not null)
        {
            try
            {
                text = CapabilityFileReader.Decode(bytes);
                report.Count("bytes decoded");
            }
            catch (CapabilityDecodeException)
            {
                report.Count("bytes refused (decode error)");
                return;
            }
        }

        var result = CapabilityFileLoader.LoadText(text!, folder);
        if (result.IsValid)
        {
            report.Count("loaded");
        }
        else if (string.IsNullOrWhiteSpace(result.Error.PublicMessage))
        {
            report.Fail("an error without a message", text!);
        }
        else
        {
            report.Count("refused with a message");
        }
    }
}
