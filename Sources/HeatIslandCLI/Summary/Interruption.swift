import Dispatch
import Foundation
import HeatIslandGDAL

/// A command that writes files, and where: so that an interrupted run can remove what it left
/// half-written there.
protocol WritesFiles {
    /// The files and directories the command writes (options not given are `nil`).
    var outputs: [String?] { get }
}

/// Ctrl-C, `kill` or a closed terminal end a run between two of its writes as readily as during
/// one. Finished outputs are renamed into place whole, so none is ever half-written; what a signal
/// would leave behind is the run's hidden temporary files and staging directories, hundreds of
/// megabytes for a scene. These are removed before the process exits with 128 + the signal's number.
///
/// Only this process's own files are touched: their names carry its process id.
enum Interruption {
    /// Starts watching for SIGINT, SIGTERM and SIGHUP; keep the returned sources alive while the
    /// command runs.
    /// - Parameter paths: The command's outputs: their directories, and output directories
    ///   themselves, are searched for this process's temporary files when a signal arrives.
    static func removePartialFiles(onSignalBeside paths: [String]) -> [DispatchSourceSignal] {
        let pid = getpid()
        var directories = Set(paths.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path })
        for path in paths {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) || isDirectory.boolValue { directories.insert(path) }
        }
        let searched = directories
        return [SIGINT, SIGTERM, SIGHUP].map { number in
            // Ignored as a plain signal, so that only the dispatch source (on its own thread, where
            // removing files is safe, unlike in a signal handler) sees it.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                for directory in searched {
                    for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
                    where name.contains(AtomicOutput.partialMarker(of: pid)) || StagedOutputs.isStaging(name, of: pid) {
                        try? FileManager.default.removeItem(atPath: directory + "/" + name)
                    }
                }
                FileHandle.standardError.write(Data("kranj-heat: interrupted; its unfinished files are removed\n".utf8))
                _exit(128 + number)
            }
            source.resume()
            return source
        }
    }
}
