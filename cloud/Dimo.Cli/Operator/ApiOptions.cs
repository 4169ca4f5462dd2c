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
    private readonly Option<Uri> _api = new("--api")
    {
        Description = "the ingestor's HTTP API, e.g. http://127.0.0.1:8080",
        Required = true,
        CustomParser = r => Uri.TryCreate(r.Tokens[0].Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null,
    };

    private readonly Option<FileInfo?> _tokenFile = new("--operator-token-file")
    {
        Description = "file holding the operator token (or env " + IngestCommand.OperatorTokenVariable + ")",
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
        var api = parsed.GetValue(_api) ?? throw new CliException("--api needs an http:// or https:// address", CliRunner.UsageError);
        var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
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
