using Mlops.Cli;

return await CliHost.RunAsync(config => MlopsApp.ConfigureFor(config, args), args);
