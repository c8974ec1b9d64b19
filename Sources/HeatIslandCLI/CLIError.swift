import HeatIsland
import HeatIslandGDAL

/// Errors the command line reports in one line and exits with status 2 (bad input).
enum CLIError: Error, CustomStringConvertible {
    /// An output (summary, CSV …) that could not be written.
    case unwritableOutput(path: String, reason: String)
    /// An input the analysis layer rejected.
    case input(HeatIslandError)

    var description: String {
        switch self {
        case .unwritableOutput(let path, let reason): "\(path): cannot write: \(reason)"
        case .input(let error): error.description
        }
    }
}
