using System.CommandLine;
using System.Runtime.InteropServices;
using QBatt.Cli.Output;
using QBatt.Numerics;

namespace QBatt.Cli.Commands;

/// <summary><c>qbatt info</c>: QBatt version, the active linear-algebra backend, OpenBLAS core and threads.</summary>
internal static class InfoCommand
{
    public static Command Create(CliContext ctx)
    {
        var output = new OutputOptions();
        var cmd = new Command("info", "Show the QBatt version, the active linear-algebra backend (native OpenBLAS or managed), the OpenBLAS core and thread count.\n\nExample:\n  qbatt info\n  QBATT_BACKEND=managed qbatt info --json");
        output.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var active = LinearAlgebra.Default;
            var native = LinearAlgebra.Native;
            var report = new Report("info");
            report.Set("qbatt_version", ReportWriter.Version, "QBatt version");
            report.Set("backend", active.Name, "active backend");
            report.Set("backend_description", active.Description, "backend details");
            report.Set("backend_forced_by", Environment.GetEnvironmentVariable(LinearAlgebra.BackendVariable) is { Length: > 0 } f ? $"{LinearAlgebra.BackendVariable}={f}" : null);
            report.Set("openblas_available", native is not null, "OpenBLAS available");
            if (native is not null)
            {
                report.Set("openblas_library", native.LibraryPath, "OpenBLAS library");
                report.Set("openblas_core", native.CoreName, "OpenBLAS core");
                report.Set("openblas_threads", native.Threads, "OpenBLAS threads");
                report.Set("openblas_config", native.Config, "OpenBLAS build");
            }
            else
            {
                report.Set("openblas_unavailable_reason", LinearAlgebra.NativeUnavailableReason, "OpenBLAS");
            }
            report.Set("dotnet_runtime", RuntimeInformation.FrameworkDescription, ".NET runtime");
            report.Set("os", RuntimeInformation.OSDescription, "operating system");
            report.Set("processors", Environment.ProcessorCount, "processors");
            ReportWriter.Emit(ctx, parse, report, output);
            return 0;
        });
        return cmd;
    }
}
