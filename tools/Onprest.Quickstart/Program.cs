using Onprest.Quickstart;

return await QuickstartRunner.RunAsync(QuickstartOptions.Parse(args), Console.Out, Console.Error);
