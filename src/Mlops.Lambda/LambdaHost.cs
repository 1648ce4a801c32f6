using Microsoft.Extensions.Logging;
using Mlops.Core;
using Mlops.Inference;
using Mlops.Inference.Onnx;
using Mlops.Monitoring;

namespace Mlops.Lambda;

/// <summary>
/// The serving image as an AWS Lambda function: in init, load the model with ONNX Runtime and warm it up once (or
/// report an init error); then answer events from the Runtime API one after another until SIGTERM. No event can end
/// the loop: whatever one does, it is answered (a response or an invocation error) and the next is fetched.
/// </summary>
public static class LambdaHost
{
    public static async Task<int> RunAsync(string endpoint, ServingOptions options, MonitoringOptions monitoring, ILogger logger,
        CancellationToken cancellationToken)
    {
        using var runtime = LambdaRuntimeClient.For(endpoint);
        TextClassifier classifier;
        PredictionRecorder? recorder;
        try
        {
            var directory = ModelDirectory.Locate(options.ModelDir);
            var (loaded, metadata) = await OnnxClassifier.LoadAsync(directory, options.Onnx, options.BatchSize, cancellationToken);
            classifier = loaded;
            recorder = await PredictionRecorder.CreateAsync(monitoring, directory, classifier.LabelNames, classifier.EmbeddingSize, "lambda", metadata.ModelId, metadata.Version,
                logger, cancellationToken);
            classifier.WarmUp(cancellationToken);
            logger.LogInformation("Model {ModelId} loaded from {ModelDir} and warmed up; waiting for events from {Endpoint}", metadata.ModelId, options.ModelDir, endpoint);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever stops the model loading is reported to Lambda as an init error, as AWS's own runtimes do.
            logger.LogError(e is MlopsException ? null : e, "The model did not load: {Message}", e.Message);
            await runtime.InitErrorAsync(new LambdaError("Runtime.ModelLoadFailed", e.Message), cancellationToken);
            return e is MlopsException m ? m.ExitCode : ExitCodes.DataError;
        }
        using (classifier)
        using (recorder)
            return await LoopAsync(runtime, new PredictionHandler(classifier, options.MaxTextCharacters, options.MaxRequestBytes, recorder), recorder, logger, cancellationToken);
    }

    private static async Task<int> LoopAsync(LambdaRuntimeClient runtime, PredictionHandler handler, PredictionRecorder? recorder, ILogger logger,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            LambdaInvocation invocation;
            try
            {
                invocation = await runtime.NextAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Success;
            }
            catch (HttpRequestException e)
            {
                // Without its Runtime API the function cannot do anything; Lambda starts a new environment.
                logger.LogError("The Runtime API did not give the next event: {Message}", e.Message);
                return ExitCodes.IoError;
            }
            // X-Ray reads the trace header of the invocation in flight from here, as AWS's runtimes set it.
            Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", invocation.TraceId);
            HandlerAnswer answer;
            try
            {
                answer = handler.Handle(invocation);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Event {RequestId} failed", invocation.RequestId);
                answer = HandlerAnswer.Failed("Runtime.HandlerFailed", e.Message);
            }
            await AnswerAsync(runtime, invocation.RequestId, answer, logger);
            // Lambda may freeze the environment as soon as the answer is in: its event reaches stdout (CloudWatch) first.
            recorder?.Drain();
        }
    }

    /// <summary>
    /// Sends the answer; a response the Runtime API refuses (too large, say) becomes an invocation error instead. Not
    /// cancellable: an event that was taken gets its answer even when SIGTERM comes meanwhile.
    /// </summary>
    private static async Task AnswerAsync(LambdaRuntimeClient runtime, string requestId, HandlerAnswer answer, ILogger logger)
    {
        var cancellationToken = CancellationToken.None;
        try
        {
            if (answer.Error is { } error)
            {
                logger.LogWarning("Event {RequestId}: {ErrorType}: {ErrorMessage}", requestId, error.Type, error.Message);
                await runtime.FailAsync(requestId, error, cancellationToken);
            }
            else
            {
                try
                {
                    await runtime.RespondAsync(requestId, answer.Body!, cancellationToken);
                }
                catch (HttpRequestException e)
                {
                    await runtime.FailAsync(requestId, new LambdaError("Runtime.ResponseRefused", e.Message), cancellationToken);
                }
            }
        }
        catch (HttpRequestException e)
        {
            logger.LogError("The answer to event {RequestId} was not taken: {Message}", requestId, e.Message);
        }
    }
}
