using System.Text;

namespace Onprest.Agent.Capabilities.Loading;

/// <summary>
/// Reads capability.yaml as text with the size limit applied before any parsing: at most 1 MiB is ever
/// read, whatever the file claims, so a huge file or a device costs bounded memory and time.
/// </summary>
internal static class CapabilityFileReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="CapabilityDecodeException">Missing, unreadable, oversized or non-text files.</exception>
    public static string ReadText(string path)
    {
        byte[] buffer;
        int length;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
            if (stream.CanSeek && stream.Length > YamlLimits.MaxFileBytes)
            {
                throw TooLarge();
            }

            buffer = new byte[YamlLimits.MaxFileBytes + 1];
            length = 0;
            int read;
            while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CapabilityDecodeException("read capability.yaml: file not found", ex)
            {
                Fix = "create the file, or name it with --config or AGENT_CAPABILITY_FILE",
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new CapabilityDecodeException("read capability.yaml: file could not be read", ex)
            {
                Fix = "check that it is a file the agent's user may read",
            };
        }

        if (length > YamlLimits.MaxFileBytes)
        {
            throw TooLarge();
        }

        return Decode(buffer.AsSpan(0, length));
    }

    /// <summary>Strict UTF-8 (a leading byte-order mark is dropped); YAML's non-printable characters are refused.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new CapabilityDecodeException("file is not valid UTF-8", ex);
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var line = 1;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
            }
            else if (!IsPrintable(c))
            {
                throw new CapabilityDecodeException($"file contains a non-printable character at line {line}") { Line = line };
            }
        }

        return text;
    }

    // YAML 1.2 §5.1 c-printable, on UTF-16 units (surrogates are valid here: strict decoding left no lone ones).
    private static bool IsPrintable(char c) =>
        c is '\t' or '\n' or '\r' or (>= ' ' and <= '~') or '\u0085' or (>= '\u00A0' and <= '\uFFFD')
        && c is not '\uFEFF';

    private static CapabilityDecodeException TooLarge() =>
        new($"file exceeds {YamlLimits.MaxFileBytes} bytes");
}
