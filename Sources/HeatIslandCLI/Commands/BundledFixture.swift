import ArgumentParser
import Foundation
import HeatIsland

/// Where the bundled Kranj fixture is, for `demo` and `analyze` without `--raster`.
enum BundledFixture {
    /// `Fixtures/kranj` in the source tree this binary was built from (the repository root is four
    /// path components up from this file).
    private static let sourceTree = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/kranj").path

    /// The fixture directory: `given` when set; else `Fixtures/kranj` under the working directory,
    /// as `make demo` runs it; else the source tree's, so that the binary works from any folder.
    /// - Parameter given: `--fixtures`, if any.
    /// - Throws: ``CLIError`` naming the places looked in, before anything is written.
    static func directory(_ given: String?) throws(CLIError) -> String {
        let candidates = given.map { [$0] } ?? ["Fixtures/kranj", sourceTree]
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/" + DemoCommand.landsatName) }) { return found }
        throw .input(.invalidArgument("the bundled Kranj fixture is not in \(candidates.joined(separator: " or ")); name its folder with --fixtures"))
    }

    /// Refuses results written into the fixture's own folder: they would replace its files
    /// (`districts.geojson` is both a fixture and a result), committed ones in a checkout.
    /// - Parameters:
    ///   - results: The results directory.
    ///   - given: `--fixtures`, if any.
    ///   - option: The results option's name, for the message.
    static func requireApart(_ results: String, from given: String?, _ option: String) throws {
        guard let fixtures = try? directory(given) else { return }
        let resolve = { (path: String) in URL(fileURLWithPath: path).resolvingSymlinksInPath().path }
        if resolve(results) == resolve(fixtures) {
            throw ValidationError("\(option) \(results) is the Kranj fixture's folder, whose files the results would replace; choose another folder")
        }
    }
}
