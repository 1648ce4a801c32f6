using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Mlops.Core;
using Mlops.Versioning;

namespace Mlops.Bench.Benchmarks;

/// <summary>
/// The bucket of <c>bench data --s3</c> on an S3-compatible server that takes any keys (s3rver): created when missing,
/// the <c>aws</c> command line that works on it, and a run's objects deleted when the benchmark ends.
/// </summary>
public static class BenchBucket
{
    /// <summary>The access key and the secret: s3rver takes any pair.</summary>
    public const string Key = "S3RVER";

    public const string Region = "us-east-1";

    /// <summary>Creates <paramref name="bucket"/> on <paramref name="endpoint"/> unless it is there.</summary>
    public static async Task EnsureAsync(string endpoint, string bucket, CancellationToken cancellationToken)
    {
        using var client = Client(endpoint);
        try
        {
            await client.PutBucketAsync(bucket, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyExists" or "BucketAlreadyOwnedByYou")
        {
            // Made by an earlier run: each run writes under a prefix of its own.
        }
        catch (Exception e) when (e is HttpRequestException or AmazonServiceException or AmazonClientException)
        {
            throw new MlopsException($"Cannot create bucket {bucket} at {endpoint}: {e.Message}",
                $"Start an S3-compatible server there that takes any keys, e.g. s3rver (npm): s3rver -d DIR -a 127.0.0.1 -p {new Uri(endpoint).Port}.", ExitCodes.UserError, e);
        }
    }

    /// <summary>
    /// Arguments for <c>env</c> that run <c>aws --endpoint-url ENDPOINT ARGS</c> (Debian's /usr/bin/aws before any other on PATH) with the keys in
    /// its environment only, and its default settings (10 concurrent requests) whatever ~/.aws/config says.
    /// </summary>
    private static string[] Aws(string endpoint, params string[] args) =>
        [$"AWS_ACCESS_KEY_ID={Key}", $"AWS_SECRET_ACCESS_KEY={Key}", $"AWS_DEFAULT_REGION={Region}", "AWS_CONFIG_FILE=/dev/null",
            File.Exists("/usr/bin/aws") ? "/usr/bin/aws" : "aws", "--endpoint-url", endpoint, .. args];

    /// <summary>Arguments for <c>env</c> that run <c>aws s3 sync FROM TO</c> against <paramref name="endpoint"/>, printing errors only.</summary>
    public static string[] Sync(string endpoint, string from, string to) => Aws(endpoint, "s3", "sync", "--only-show-errors", from, to);

    /// <summary>Deletes every object under <paramref name="prefix"/>.</summary>
    public static async Task DeleteAsync(string endpoint, string bucket, string prefix, CancellationToken cancellationToken)
    {
        using var remote = new S3Remote("bench", new Uri($"s3://{bucket}/{prefix}"), new S3Settings(endpoint, Region, null, Key, Key));
        await remote.ClearAsync(cancellationToken);
    }

    private static AmazonS3Client Client(string endpoint) => new(new BasicAWSCredentials(Key, Key), new AmazonS3Config
    {
        ServiceURL = endpoint,
        AuthenticationRegion = Region,
        ForcePathStyle = true,
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });
}
