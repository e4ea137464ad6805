using Onprest.Quickstart;

var parsed = QuickstartOptions.Parse(args);
if (parsed.Help)
{
    Console.Out.Write(QuickstartOptions.Usage);
    return 0;
}

if (parsed.Options is null)
{
    Console.Error.Write($"quickstart: {parsed.Error}\n{QuickstartOptions.Usage}");
    return 2;
}

return await QuickstartRunner.RunAsync(parsed.Options, Console.Out, Console.Error);
