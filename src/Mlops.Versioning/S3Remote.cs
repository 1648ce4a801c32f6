using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Mlops.Core;

namespace Mlops.Versioning;

/// <summary>
/// A remote in an S3 bucket, or any S3-compatible store (an endpoint URL and path-style addressing), at
/// <c>s3://BUCKET/PREFIX/files/md5/XX/REST</c> as DVC 3 lays it out (DVC 2's objects at <c>PREFIX/XX/REST</c>). What it already holds is listed in bulk, one listing
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
        (_bucket, _prefix) = (url.Host, (url.AbsolutePath.Trim('/') + "/").TrimStart('/'));
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

    public async Task<IReadOnlySet<DvcObject>> ListAsync(CancellationToken cancellationToken)
    {
        var held = new HashSet<DvcObject>();
        foreach (var key in await ListKeysAsync(cancellationToken))
            if (DvcObject.FromKey(key[_prefix.Length..]) is { } found) held.Add(found);
        return held;
    }

    /// <summary>Every key under the remote's prefix, a page of 1,000 per request.</summary>
    private async Task<IReadOnlyList<string>> ListKeysAsync(CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = _prefix };
        do
        {
            var page = await CallAsync(() => _client.ListObjectsV2Async(request, cancellationToken));
            keys.AddRange((page.S3Objects ?? []).Select(item => item.Key));
            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
        return keys;
    }

    public Task UploadAsync(DvcObject item, string localPath, CancellationToken cancellationToken) =>
        CallAsync(() => _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket,
            Key = _prefix + item.Key,
            FilePath = localPath,
            UseChunkEncoding = false,
            // A DVC 2 text object's name is not the MD5 of its bytes; S3 checks what it receives against the bytes' own.
            MD5Digest = item.Legacy ? null : Convert.ToBase64String(Convert.FromHexString(DirManifest.ContentMd5(item.Md5))),
        }, cancellationToken));

    public Task DownloadAsync(DvcObject item, string cacheRoot, CancellationToken cancellationToken) =>
        ObjectLayout.LandAsync(cacheRoot, item, $"s3://{_bucket}/{_prefix}{item.Key}", async temporary =>
        {
            using var response = await CallAsync(() => _client.GetObjectAsync(_bucket, _prefix + item.Key, cancellationToken), item);
            await response.WriteResponseStreamToFileAsync(temporary, append: false, cancellationToken);
        }, cancellationToken);

    public Task DeleteAsync(IReadOnlyCollection<DvcObject> items, CancellationToken cancellationToken) =>
        DeleteKeysAsync([.. items.Select(item => _prefix + item.Key)], cancellationToken);

    /// <summary>Deletes every object under the remote's prefix, DVC's or not (a benchmark's scratch prefix).</summary>
    public async Task ClearAsync(CancellationToken cancellationToken) => await DeleteKeysAsync(await ListKeysAsync(cancellationToken), cancellationToken);

    private async Task DeleteKeysAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        // DeleteObjects takes at most 1,000 keys a request.
        foreach (var batch in keys.Chunk(1000))
            await CallAsync(() => _client.DeleteObjectsAsync(new DeleteObjectsRequest
            {
                BucketName = _bucket,
                Objects = [.. batch.Select(key => new KeyVersion { Key = key })],
            }, cancellationToken));
    }

    /// <summary>Runs an S3 call, turning the store's refusals into one line that says what to check.</summary>
    private async Task<T> CallAsync<T>(Func<Task<T>> call, DvcObject? item = null)
    {
        try
        {
            return await call();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && item is not null)
        {
            throw new MlopsException($"Remote {Describe} has no object {item} ({_prefix}{item.Value.Key}).", "Push it from a workspace that has it (mlops data push).", ExitCodes.DataError, e);
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
