using Onprest.Bench;

// `direct <port> <connection string>`: the baseline server (a child process of the benchmark).
// otherwise: the load benchmark (bench/README.md), Linux only (it reads peak memory from /proc).
if (args is ["direct", var port, var connectionString])
{
    return await DirectBaseline.RunAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), connectionString);
}

if (!OperatingSystem.IsLinux())
{
    Console.Error.WriteLine("bench: the load benchmark runs on Linux");
    return 2;
}

// `failover`: two agents behind one gateway, one killed and one stopped cleanly under load (docs/agent-pool.md).
return args.Length > 0 && args[0] == "failover"
    ? await FailoverBenchmark.RunAsync(BenchOptions.Parse(args))
    : await LoadBenchmark.RunAsync(BenchOptions.Parse(args));
