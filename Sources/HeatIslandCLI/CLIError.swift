import Foundation
import HeatIsland
import HeatIslandGDAL

/// Errors the command line reports in one line and exits with status 2 (bad input).
enum CLIError: Error, CustomStringConvertible {
    /// An output (summary, CSV …) that could not be written.
    case unwritableOutput(path: String, reason: String)
    /// An input the analysis layer rejected.
    case input(HeatIslandError)
    /// An error met while writing under a temporary name (a file's, or an analysis's staging
    /// directory), told with the final name in its place.
    indirect case staged(CLIError, temporary: String, final: String)
    /// An analysis that failed before any of its results was moved into `directory`: its messages
    /// named the files as they would be, so the error says that none of them is there, and whether
    /// the directory, made by the run, was removed again (`removed`) or keeps what it held.
    indirect case unpublished(CLIError, directory: String, removed: Bool)
    /// A rename that failed after others of the same run had succeeded (an I/O error): the files
    /// before it are in place, the rest are not.
    indirect case partlyPublished(CLIError)

    /// An error from work on data already in memory, told with the file the data came from: the
    /// analysis layer's argument checks and PROJ's refusals name no file of their own.
    static func about(_ path: String, _ error: HeatIslandError) -> CLIError {
        switch error {
        case .invalidArgument(let message): .input(.invalidArgument("\(path): \(message)"))
        case .gdal(.transformFailed(let message)): .input(.invalidArgument("\(path): its coordinates cannot be transformed as the analysis needs (\(message))"))
        default: .input(error)
        }
    }

    /// Whether some outputs had been moved into place when the error struck.
    var publishedSome: Bool {
        switch self {
        case .partlyPublished: true
        case .staged(let error, _, _), .unpublished(let error, _, _): error.publishedSome
        case .unwritableOutput, .input: false
        }
    }

    var description: String {
        switch self {
        case .unwritableOutput(let path, let reason): "\(path): cannot write: \(reason)"
        case .input(let error): error.description
        case .staged(let error, let temporary, let final): error.description.replacingOccurrences(of: temporary, with: final)
        case .unpublished(let error, let directory, false): "\(error.description) (nothing from this run was published: \(directory) keeps the files it had)"
        case .unpublished(let error, let directory, true): "\(error.description) (nothing from this run was published: \(directory), which the run had made, is removed)"
        case .partlyPublished(let error): "\(error.description) (the outputs moved into place before it stay, the rest were not published)"
        }
    }
}
