using System.CommandLine;
using System.Net.Http.Headers;
using Dimo.Cli.Commands;
using Dimo.Simulator.Provisioning;

namespace Dimo.Cli.Operator;

/// <summary>
/// Where a command reaches the ingestor's HTTP API (<c>--api</c>) and, for operator calls, the operator token it sends
/// as <c>Authorization: Bearer</c> (<c>--operator-token-file</c>, else the <c>DIMO_OPERATOR_TOKEN</c> environment
/// variable, as <c>dimo ingest</c> reads it).
/// </summary>
public sealed class ApiOptions(bool asOperator)
{
    private readonly Option<Uri> _api = UrlOption();

    private readonly Option<FileInfo?> _tokenFile = new("--operator-token-file")
    {
        Description = "file holding the operator token (or env " + IngestCommand.OperatorTokenVariable + ")",
    };

    /// <summary>
    /// The required <c>--api</c> URL, every command's one definition: http or https, with a trailing slash so paths
    /// relative to it keep a base path; anything else is a usage error naming the value.
    /// </summary>
    public static Option<Uri> UrlOption() => new("--api")
    {
        Description = "the ingestor's HTTP API, e.g. http://127.0.0.1:8080",
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                return uri;
            result.AddError($"--api must be an http:// or https:// URL, not '{text}'");
            return null;
        },
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_api);
        if (asOperator)
            command.Options.Add(_tokenFile);
    }

    /// <summary>A client for the API (with the operator token when this command acts as the operator).</summary>
    public HttpClient CreateHttp(ParseResult parsed)
    {
        var http = new HttpClient { BaseAddress = parsed.GetValue(_api)!, Timeout = TimeSpan.FromSeconds(30) };
        if (asOperator)
        {
            var token = IngestCommand.OperatorToken(parsed.GetValue(_tokenFile))
                        ?? throw new CliException("no operator token: give --operator-token-file or set " + IngestCommand.OperatorTokenVariable, CliRunner.UsageError);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return http;
    }

    /// <summary>Runs an API call; a refusal or an unreachable API is one line naming the command and the reason.</summary>
    public static async Task<T> CallAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ProvisioningException e)
        {
            throw new CliException(what + ": " + e.Message);
        }
    }
}
