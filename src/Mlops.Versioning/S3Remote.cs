using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Mlops.Core;

namespace Mlops.Versioning;

/// <summary>
/// A remote in an S3 bucket, or any S3-compatible store (an endpoint URL and path-style addressing), at
/// <c>s3://BUCKET/PREFIX/files/md5/XX/REST</c> as DVC lays it out. What it already holds is listed in bulk, one listing
/// of the prefix; an upload carries its MD5 (Content-MD5), so the store itself refuses damaged bytes; a download lands
/// through a verified temporary file.
/// </summary>
public sealed class S3Remote : IDvcRemote, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly string _prefix;

    public S3Remote(string name, Uri url, S3Settings settings)
    {
        (_bucket, _prefix) = (url.Host, (url.AbsolutePath.Trim('/') + "/files/md5/").TrimStart('/'));
        // Checksums only where S3 requires them: SDK v4 otherwise sends aws-chunked bodies with trailing checksums, which
        // S3-compatible stores (s3rver, older MinIO) store framing and all. Content-MD5 still guards every upload.
        var config = new AmazonS3Config
        {
            ForcePathStyle = settings.EndpointUrl is not null,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (settings.EndpointUrl is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = settings.Region ?? "us-east-1";
        }
        else if (settings.Region is { } region) config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
        AWSCredentials? credentials = null;
        var source = "the AWS SDK's default chain (environment, ~/.aws)";
        if (settings is { AccessKeyId: { } key, SecretAccessKey: { } secret })
            (credentials, source) = (new BasicAWSCredentials(key, secret), "access keys from .dvc/config(.local)");
        else if (settings.Profile is { } profile)
        {
            if (!new Amazon.Runtime.CredentialManagement.CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var found))
                throw new MlopsException($"Remote '{name}': AWS profile '{profile}' was not found.",
                    "Check ~/.aws/credentials, or set access_key_id and secret_access_key in .dvc/config.local.", ExitCodes.ConfigError);
            (credentials, source) = (found, $"AWS profile '{profile}'");
        }
        _client = credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
        Describe = $"{name} (s3://{_bucket}/{_prefix.TrimEnd('/')}{(settings.EndpointUrl is { } e ? $" at {e}" : "")}; credentials: {source})";
    }

    public string Describe { get; }

    public async Task<IReadOnlySet<string>> ExistingAsync(IReadOnlyCollection<string> md5s, CancellationToken cancellationToken)
    {
        var held = new HashSet<string>(StringComparer.Ordinal);
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = _prefix };
        do
        {
            var page = await CallAsync(() => _client.ListObjectsV2Async(request, cancellationToken));
            foreach (var item in page.S3Objects ?? [])
                if (item.Key.Length > _prefix.Length + 3) held.Add(item.Key[_prefix.Length..].Replace("/", "", StringComparison.Ordinal));
            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
        return md5s.Where(held.Contains).ToHashSet();
    }

    public Task UploadAsync(string md5, string localPath, CancellationToken cancellationToken) =>
        CallAsync(() => _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket,
            Key = Key(md5),
            FilePath = localPath,
            UseChunkEncoding = false,
            MD5Digest = Convert.ToBase64String(Convert.FromHexString(DirManifest.ContentMd5(md5))),
        }, cancellationToken));

    public Task DownloadAsync(string md5, string cacheRoot, CancellationToken cancellationToken) =>
        ObjectLayout.LandAsync(cacheRoot, md5, $"s3://{_bucket}/{Key(md5)}", async temporary =>
        {
            using var response = await CallAsync(() => _client.GetObjectAsync(_bucket, Key(md5), cancellationToken), md5);
            await response.WriteResponseStreamToFileAsync(temporary, append: false, cancellationToken);
        }, cancellationToken);

    private string Key(string md5) => _prefix + md5[..2] + "/" + md5[2..];

    /// <summary>Runs an S3 call, turning the store's refusals into one line that says what to check.</summary>
    private async Task<T> CallAsync<T>(Func<Task<T>> call, string? md5 = null)
    {
        try
        {
            return await call();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && md5 is not null)
        {
            throw new MlopsException($"Remote {Describe} has no object {md5}.", "Push it from a workspace that has it (mlops data push).", ExitCodes.DataError, e);
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            throw new MlopsException($"Remote {Describe} refused the credentials: {e.Message}", "Check access_key_id/secret_access_key in .dvc/config.local, the profile, or AWS_* variables.", ExitCodes.ConfigError, e);
        }
        catch (AmazonS3Exception e)
        {
            throw new MlopsException($"Remote {Describe}: {e.Message}", "Check the bucket and the endpoint URL.", ExitCodes.DataError, e);
        }
        catch (Exception e) when (e is HttpRequestException or AmazonServiceException or AmazonClientException)
        {
            throw new MlopsException($"Remote {Describe} cannot be reached: {e.Message}", "Check endpointurl in .dvc/config and that the server runs.", ExitCodes.DataError, e);
        }
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>An S3 remote's settings from <c>.dvc/config</c> and <c>config.local</c>, under DVC's key names.</summary>
public sealed record S3Settings(string? EndpointUrl, string? Region, string? Profile, string? AccessKeyId, string? SecretAccessKey);
