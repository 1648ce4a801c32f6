using System.ComponentModel.DataAnnotations;

namespace Mlops.Cli.Configuration;

/// <summary>The <c>ui</c> section: where <c>mlops ui</c> listens (<c>ui.host</c>, <c>ui.port</c>, as <c>serving.host</c> and <c>serving.port</c> for <c>mlops serve</c>).</summary>
public sealed record UiSpec
{
    public string Host { get; init; } = "127.0.0.1";
    /// <summary>0 picks a free port.</summary>
    [Range(0, 65535)] public int Port { get; init; } = 5050;
}
