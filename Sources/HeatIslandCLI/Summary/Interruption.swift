import Dispatch
import Foundation
import HeatIslandGDAL
import Synchronization

/// A command that writes files, and where: so that an interrupted run can remove what it left
/// half-written there.
protocol WritesFiles {
    /// The files and directories the command writes (options not given are `nil`).
    var outputs: [String?] { get }
}

/// Ctrl-C, `kill` or a closed terminal end a run between two of its writes as readily as during
/// one. Finished outputs are renamed into place whole, so none is ever half-written; what a signal
/// would leave behind is the run's hidden temporary files and staging directories, hundreds of
/// megabytes for a scene. These are removed, and the process then dies by the same signal, so that
/// a shell loop or `make` around it stops too (status 128 + the signal's number).
///
/// Only this process's own files are touched: their names carry its process id. A signal the
/// parent ignores (`nohup`, a script's background job) stays ignored.
///
/// Dispatch reads signals on Linux through a `signalfd`, which sees only signals that every thread
/// blocks: a thread that does not would take the signal itself. So ``blockSignals()`` must run
/// before any other thread starts; every later thread inherits the mask. A signal that arrives
/// between the two stays pending until the watcher reads it.
final class Interruption {
    private let interrupted = Atomic<Bool>(false)
    private var sources: [DispatchSourceSignal] = []

    /// Blocks SIGINT, SIGTERM and SIGHUP in the calling thread, those the parent does not ignore.
    /// - Returns: The signals blocked, for the watcher.
    static func blockSignals() -> [Int32] {
        let watched = [SIGINT, SIGTERM, SIGHUP].filter { number in
            var current = sigaction()
            sigaction(number, nil, &current)
            return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self)
        }
        var blocked = sigset_t()
        sigemptyset(&blocked)
        for number in watched { sigaddset(&blocked, number) }
        pthread_sigmask(SIG_BLOCK, &blocked, nil)
        return watched
    }

    /// Starts watching for the signals ``blockSignals()`` blocked.
    /// - Parameters:
    ///   - watched: The signals ``blockSignals()`` returned.
    ///   - paths: The command's outputs: their directories (also those of the files that symbolic
    ///     links among them point to), and output directories themselves, are searched for this
    ///     process's temporary files when a signal arrives.
    init(watching watched: [Int32], removingPartialFilesBeside paths: [String]) {
        var directories = Set<String>()
        for path in paths {
            for file in [path, AtomicOutput.destination(of: path)] {
                directories.insert(URL(fileURLWithPath: file).deletingLastPathComponent().path)
                var isDirectory: ObjCBool = false
                if !FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) || isDirectory.boolValue { directories.insert(file) }
            }
        }
        let searched = directories
        // An output directory the run is about to make (analyze's, with any missing parents) is
        // removed again when the signal leaves it empty, as a failed run's is.
        let made = paths.flatMap(StagedOutputs.missingFolders)
        for number in watched {
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                interrupted.store(true, ordering: .sequentiallyConsistent)
                // Again while a pass still finds something: the main thread may have created a
                // file in a directory as it was being removed.
                var passes = 0
                while passes < 3 && Self.removeOwnFiles(in: searched) { passes += 1 }
                for folder in made { rmdir(folder) }
                TextOutput.toStandardError("kranj-heat: interrupted; its unfinished files are removed\n")
                fflush(nil)
                // Raised on this thread, unblocked here only and at its default action: the process
                // ends by the signal.
                var only = sigset_t()
                sigemptyset(&only)
                sigaddset(&only, number)
                signal(number, SIG_DFL)
                pthread_sigmask(SIG_UNBLOCK, &only, nil)
                raise(number)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Holds the main thread once a signal has arrived, until its handler has cleaned up and ended
    /// the process: the main thread would otherwise report the failures the cleanup causes
    /// (a staging directory gone) and exit first.
    func holdIfInterrupted() {
        while interrupted.load(ordering: .sequentiallyConsistent) { sleep(1) }
    }

    /// Removes this process's temporary files and staging directories; whether there were any.
    private static func removeOwnFiles(in directories: Set<String>) -> Bool {
        let pid = getpid()
        var found = false
        for directory in directories {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            where name.contains(AtomicOutput.partialMarker(of: pid)) || StagedOutputs.isStaging(name, of: pid) {
                found = true
                try? FileManager.default.removeItem(atPath: directory + "/" + name)
            }
        }
        return found
    }
}
