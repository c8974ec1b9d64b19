import Foundation
import HeatIsland
import HeatIslandGDAL
import HeatIslandKernels
import Testing

/// Code that reports errors through Foundation (`localizedDescription`, as loggers and user
/// interfaces do) gets each error's own line, not "The operation could not be completed".
struct ErrorDescriptionTests {
    @Test func foundationReportsEachErrorsOwnMessage() {
        let errors: [(any Error, String)] = [
            (HeatIslandError.invalidArgument("the radius must be positive"), "the radius must be positive"),
            (GDALError.invalidArgument("a grid needs a positive width and height, got 0 × 3"), "a grid needs a positive width and height, got 0 × 3"),
            (MTLError.unreadable(path: "scene_MTL.txt", reason: "no such file"), MTLError.unreadable(path: "scene_MTL.txt", reason: "no such file").description),
            (CoverageError.emptyGeometry, "the geometry is empty"),
            (DecodeError.lengthMismatch(expected: 2, actual: 1), "decode buffers differ in length: expected 2 values, got 1"),
        ]
        for (error, message) in errors {
            #expect(error.localizedDescription == message)
        }
        #expect(MTLError.unreadable(path: "scene_MTL.txt", reason: "no such file").description.contains("scene_MTL.txt"))
    }
}
