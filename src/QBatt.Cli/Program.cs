using QBatt.Cli;

if (args is ["--version"])
{
    // what the parsed option prints (QBattCli), without loading System.CommandLine
    Console.Out.WriteLine(CliVersion.Text);
    return 0;
}
return QBattCli.Run(args, Console.Out, Console.Error);
