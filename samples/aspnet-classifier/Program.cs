using Mlops.Core;
using Mlops.Inference.Onnx;

// Load the exported model once (`--Model DIR`: a model folder, or a run folder holding model/), predict per request.
var builder = WebApplication.CreateBuilder(args);
ITextClassifier classifier;
try
{
    (classifier, _) = await OnnxClassifier.LoadAsync(ModelDirectory.Locate(builder.Configuration["Model"] ?? "model"), new OnnxOptions(), batchSize: 32);
}
catch (MlopsException e)
{
    Console.Error.WriteLine($"error: {e.Message} {e.Hint}");
    return e.ExitCode;
}
builder.Services.AddSingleton(classifier);

var app = builder.Build();
app.MapPost("/classify", (string[] texts, ITextClassifier model) =>
    model.Predict(texts).Select(p => new { p.Text, p.Label, p.Confidence }));
await app.RunAsync();
return 0;
