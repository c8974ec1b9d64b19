import Foundation

/// The process's peak resident set size, the memory figure benchmarks report.
enum PeakMemory {
    /// Peak RSS in bytes (`ru_maxrss`, which Linux reports in KiB and macOS in bytes).
    static var bytes: Int {
        var usage = rusage()
        #if os(Linux)
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss) * 1024
        #else
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss)
        #endif
    }
}
