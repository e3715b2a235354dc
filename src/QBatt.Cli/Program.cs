using QBatt.Cli;

return QBattCli.Run(args, Console.Out, Console.Error);
