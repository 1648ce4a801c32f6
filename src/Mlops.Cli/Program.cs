using Mlops.Cli;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(MlopsApp.Configure);
return await CliHost.RunAsync(app, args);
