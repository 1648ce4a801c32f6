using Mlops.Cli;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config => MlopsApp.ConfigureFor(config, args));
return await CliHost.RunAsync(app, args);
