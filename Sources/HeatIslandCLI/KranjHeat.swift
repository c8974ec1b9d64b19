import ArgumentParser
import Foundation
import HeatIsland
import HeatIslandGDAL

/// The `kranj-heat` command line: urban-heat-island analysis of land-surface temperature.
public struct KranjHeat: ParsableCommand {
    /// Command name, abstract and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "kranj-heat",
        abstract: "Urban heat island analysis from satellite land-surface temperature.",
        subcommands: [DemoCommand.self, AnalyzeCommand.self, InfoCommand.self, ReprojectCommand.self, ZonalCommand.self, HotspotsCommand.self])

    /// Creates the root command (required by ArgumentParser).
    public init() {}

    /// Parses `arguments`, runs the command and returns the process exit status: 0 on success, 2 for
    /// bad input or usage (with one line on standard error naming the file and problem), 1 for
    /// internal failures.
    /// - Parameter arguments: The arguments without the program name.
    public static func run(arguments: [String]) -> Int32 {
        // Before any other thread starts, so that every thread inherits the blocked signals.
        let signals = Interruption.blockSignals()
        // GDAL's driver registration runs on the other core while the arguments are parsed; it is
        // waited for on every way out, since GDAL's exit-time clean-up must not meet it half done.
        Thread.detachNewThread { GDALDrivers.register() }
        defer { GDALDrivers.register() }
        do {
            var command = try parseAsRoot(arguments)
            let watch = Interruption(watching: signals, removingPartialFilesBeside: (command as? WritesFiles)?.outputs.compactMap { $0 } ?? [])
            defer { watch.holdIfInterrupted() }
            try command.run()
            return 0
        } catch let error as CLIError {
            return fail(error.description)
        } catch let error as HeatIslandError {
            return fail(error.description)
        } catch let error as GDALError {
            return fail(error.description)
        } catch let error as MTLError {
            return fail(error.description)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                return 0
            }
            // One form for every error's first line, whether ArgumentParser or a command found it,
            // so that a script can look for `kranj-heat: error:`; the usage lines follow as they are.
            var message = fullMessage(for: error)
            if message.hasPrefix("Error: ") { message = "kranj-heat: error: " + message.dropFirst("Error: ".count) }
            TextOutput.toStandardError(message + "\n")
            // ArgumentParser reports usage mistakes as validation failures: those are bad input too.
            return code == .validationFailure ? 2 : 1
        }
    }

    /// Runs with the process's own arguments (what `main` does), after refusing any that is not
    /// valid UTF-8: Swift would decode it with replacement characters, and a path would then name
    /// a file that does not exist, reported as "no such file" although it is there.
    /// - Returns: The exit status, as ``run(arguments:)`` gives it.
    public static func runWithProcessArguments() -> Int32 {
        var arguments: [String] = []
        for index in 1..<Int(CommandLine.argc) {
            guard let raw = CommandLine.unsafeArgv[index] else { break }
            guard let argument = String(validatingCString: raw) else {
                return fail("argument \(index) (\(String(cString: raw))) is not valid UTF-8; kranj-heat reads names as UTF-8: "
                            + "rename the file, or link to it under a UTF-8 name")
            }
            arguments.append(argument)
        }
        return run(arguments: arguments)
    }

    private static func fail(_ message: String) -> Int32 {
        TextOutput.toStandardError("kranj-heat: error: \(message)\n")
        return 2
    }
}
