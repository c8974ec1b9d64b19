import Foundation
import HeatIsland
import HeatIslandKernels

/// A one-line progress bar with percentage and time left on standard error, drawn only when
/// standard error is a terminal (logs and pipes stay clean).
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let enabled: Bool
    private let start = Date()
    private let lock = NSLock()
    private var lastDrawn = -1

    /// A bar for one step; silent unless standard error is a terminal and `quiet` is off.
    init(_ label: String, quiet: Bool = false) {
        self.label = label
        enabled = !quiet && isatty(STDERR_FILENO) != 0
    }

    /// The handler to give to library calls.
    var handler: ProgressHandler? {
        guard enabled else { return nil }
        return { [self] fraction in draw(fraction) }
    }

    private func draw(_ fraction: Double) {
        lock.lock()
        defer { lock.unlock() }
        let percent = GridIndex.clamped(fraction * 100, .down, to: 0...100)
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        let elapsed = Date().timeIntervalSince(start)
        let left = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        let filled = percent / 5
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: 20 - filled)
        let line = "\r\(label) \(bar) \(percent)% \(percent < 100 ? String(format: "%.0f s left", left) : "done")   "
        TextOutput.toStandardError(percent >= 100 ? line + "\n" : line)
    }
}
