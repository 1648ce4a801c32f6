using Mlops.Cli;
using Mlops.Model;
using Spectre.Console.Cli;

NativeAllocator.TuneForTensors();

var app = new CommandApp();
app.Configure(MlopsApp.Configure);
return await CliHost.RunAsync(app, args);
