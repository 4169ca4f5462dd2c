using System.CommandLine;
using Dimo.Mqtt.Client;

namespace Dimo.Cli.Commands;

/// <summary>
/// The broker logins of <c>dimo ingest --broker</c>: the ingestor's own (<c>--broker-user</c>) and the dynamic security
/// admin's (<c>--broker-admin-user</c>, which turns on provisioning). Passwords come from files or the environment,
/// never from the command line, where every local user could read them in the process list.
/// </summary>
public sealed class BrokerLoginOptions
{
    public const string PasswordVariable = "DIMO_BROKER_PASSWORD";
    public const string AdminPasswordVariable = "DIMO_BROKER_ADMIN_PASSWORD";

    public Option<string?> User { get; } = new("--broker-user") { Description = "scaled mode: the username this ingestor logs in to the broker with" };

    public Option<FileInfo?> PasswordFile { get; } = new("--broker-password-file")
    {
        Description = "file holding --broker-user's password (or env " + PasswordVariable + ")",
    };

    public Option<string?> AdminUser { get; } = new("--broker-admin-user")
    {
        Description = "scaled mode: Mosquitto dynamic security admin (from `mosquitto_ctrl dynsec init`); the ingestor then provisions "
                      + "itself, every device's password and role, and revocations into the broker",
    };

    public Option<FileInfo?> AdminPasswordFile { get; } = new("--broker-admin-password-file")
    {
        Description = "file holding --broker-admin-user's password (or env " + AdminPasswordVariable + ")",
    };

    public Option<double> ReconcileSeconds { get; } = new("--broker-reconcile-seconds")
    {
        Description = "with --broker-admin-user: seconds between reconciliations of the broker's device clients with the registry",
        DefaultValueFactory = _ => 60,
    };

    public IEnumerable<Option> All => [User, PasswordFile, AdminUser, AdminPasswordFile, ReconcileSeconds];

    /// <summary>The ingestor's login, or null without <c>--broker-user</c>.</summary>
    public MqttCredentials? Login(ParseResult parsed, bool brokerMode) =>
        Read(parsed, brokerMode, User, PasswordFile, PasswordVariable);

    /// <summary>The admin's login, or null without <c>--broker-admin-user</c>.</summary>
    public MqttCredentials? AdminLogin(ParseResult parsed, bool brokerMode) =>
        Read(parsed, brokerMode, AdminUser, AdminPasswordFile, AdminPasswordVariable);

    public TimeSpan ReconcileInterval(ParseResult parsed)
    {
        var seconds = parsed.GetValue(ReconcileSeconds);
        return seconds >= 1 && seconds <= 86400
            ? TimeSpan.FromSeconds(seconds)
            : throw new CliException("--broker-reconcile-seconds must be between 1 and 86400", CliRunner.UsageError);
    }

    private static MqttCredentials? Read(ParseResult parsed, bool brokerMode, Option<string?> user, Option<FileInfo?> file, string variable)
    {
        var name = parsed.GetValue(user);
        var passwordFile = parsed.GetValue(file);
        if (name == null)
        {
            return passwordFile == null
                ? null
                : throw new CliException(file.Name + " needs " + user.Name, CliRunner.UsageError);
        }
        if (!brokerMode)
            throw new CliException(user.Name + " logs in to an external broker: give --broker too", CliRunner.UsageError);
        string? password;
        if (passwordFile != null)
        {
            try
            {
                password = File.ReadAllText(passwordFile.FullName).TrimEnd('\r', '\n');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException("cannot read " + file.Name + " " + passwordFile.FullName + ": " + e.Message);
            }
        }
        else
        {
            password = Environment.GetEnvironmentVariable(variable);
        }
        if (string.IsNullOrEmpty(password))
            throw new CliException(user.Name + " needs a password: put it in a file given as " + file.Name + " or in env " + variable, CliRunner.UsageError);
        return new MqttCredentials(name, password);
    }
}
