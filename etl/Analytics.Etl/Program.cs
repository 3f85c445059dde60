using Analytics.Etl;

return await EtlCli.RunAsync(args);
