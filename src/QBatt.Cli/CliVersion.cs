using System.Reflection;

namespace QBatt.Cli;

/// <summary>
/// The text of <c>qbatt --version</c>: the informational version of the CLI assembly (version and
/// source revision). Kept apart from <see cref="QBattCli"/> so that Program.cs can answer a bare
/// <c>--version</c>, which scripts call often, without loading the command-line parser.
/// </summary>
internal static class CliVersion
{
    public static string Text
    {
        get
        {
            var assembly = typeof(CliVersion).Assembly;
            return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
        }
    }
}
