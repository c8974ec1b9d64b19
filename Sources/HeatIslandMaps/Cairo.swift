import CCairo
import HeatIsland
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cairo's functions, looked up in its shared library when a map is drawn and named as in its C API
/// without the `cairo_` prefix (`cairo.move_to(cr, x, y)`).
///
/// Linked into the command line, Cairo and the eleven libraries it needs were loaded and relocated
/// by every run, also by the many that draw nothing: adding them to the zonal floor program
/// (`Benchmarks/floor/zonal_floor.c`) made it 3–5 ms slower (`hyperfine`, 60 runs each, fastest and
/// mean). Opened here, they cost only the runs that draw.
package typealias Cairo = hi_cairo_functions

extension Cairo {
    #if canImport(Darwin)
    private static let soname = "libcairo.2.dylib"
    #else
    private static let soname = "libcairo.so.2"
    #endif

    /// Opens Cairo. The library is never closed: closing it would unmap the functions while a copy
    /// of this table could still call them, and a second open only counts up.
    /// - Parameters:
    ///   - path: The map to be drawn, named in the error.
    ///   - library: The library's file name; the system's Cairo unless a test asks for another.
    /// - Throws: ``HeatIslandError/invalidArgument(_:)`` when Cairo is not installed or lacks a function.
    package static func open(drawing path: String, library: String? = nil) throws(HeatIslandError) -> Cairo {
        let name = library ?? soname
        var handle: UnsafeMutableRawPointer?
        let table = hi_cairo_open(name, &handle)
        guard handle != nil else {
            let reason = dlerror().map { String(cString: $0) } ?? "a drawing function is missing"
            throw .invalidArgument("\(path): Cairo (\(name), package libcairo2) is needed to draw a map and could not be loaded: \(reason)")
        }
        return table
    }
}
