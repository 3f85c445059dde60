using Analytics.Benchmarks;

return await BenchmarkCli.RunAsync(args);
