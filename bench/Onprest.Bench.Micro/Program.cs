using BenchmarkDotNet.Running;
using Onprest.Bench.Micro;

BenchmarkSwitcher.FromAssembly(typeof(SqlScannerBenchmarks).Assembly).Run(args);
