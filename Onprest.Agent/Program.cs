using Onprest.Agent.Cli;

return await AgentCli.RunAsync(args);
