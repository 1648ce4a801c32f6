namespace Mlops.Tests;

/// <summary>Base of tests that need a scratch folder: a fresh temporary directory per test, deleted after it.</summary>
public abstract class TempDirectoryTest : IDisposable
{
    protected string Dir { get; } = Directory.CreateTempSubdirectory("mlops-test-").FullName;

    public void Dispose()
    {
        Directory.Delete(Dir, recursive: true);
        GC.SuppressFinalize(this);
    }
}
