import Foundation

/// libFuzzer's entry point that takes the test function as an argument (`LLVMFuzzerRunDriver`).
/// SwiftPM renames an executable's `main` on Linux, which keeps libFuzzer's own `main` out of the
/// link, so each harness calls the driver from its top-level code instead.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Runs libFuzzer with the process's arguments and exits with its status.
/// - Parameter test: Called with each input; returns 0.
public func runFuzzer(_ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, test))
}
