import Foundation
import HeatIslandGDAL
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// report.html opened in a real headless browser (Chromium: `chromium` on Debian, `chromium-browser`
/// on Ubuntu, which `make test` installs): the screenshot must show the map (many saturated
/// colours) and the district table (dark text) where the page puts them.
struct ReportScreenshotTests {
    static let browser = ["chromium", "chromium-browser"].first(where: ExternalTool.isAvailable)

    @Test(.enabled(if: browser != nil, "no Chromium on this machine (make deps installs it with apt)"))
    func chromiumRendersTheMapAndTheTable() throws {
        let dir = try TemporaryDirectory()
        let demo = try CLIRunner.run(["demo", "--fixtures", Fixtures.path("kranj"), "--output", dir.file("out")])
        #expect(demo.status == 0, "\(demo.error)")
        let shot = dir.file("report.png")
        let browser = try ExternalTool.run(try #require(Self.browser), [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,1800",
            "--screenshot=\(shot)", "file://\(dir.file("out/report.html"))",
        ])
        #expect(browser.status == 0, "\(browser.error)")
        let image = try RasterDataset(path: shot)
        #expect(image.width == 1200 && image.height == 1800)
        /// Share of pixels in a region that satisfy a test on (red, green, blue).
        func share(rows: Range<Int>, columns: Range<Int>, _ test: (Float, Float, Float) -> Bool) throws -> Double {
            let window = PixelWindow(column: columns.lowerBound, row: rows.lowerBound, width: columns.count, height: rows.count)
            let (r, g, b) = (try image.band(1).read(window: window), try image.band(2).read(window: window), try image.band(3).read(window: window))
            return Double((0..<r.count).filter { test(r[$0], g[$0], b[$0]) }.count) / Double(r.count)
        }
        // The map sits under the two-line summary, the table under the map (see the page's layout).
        let colourful = try share(rows: 300..<1000, columns: 80..<850) { r, g, b in max(r, g, b) - min(r, g, b) > 60 }
        let text = try share(rows: 1220..<1750, columns: 20..<880) { r, g, b in max(r, g, b) < 90 }
        #expect(colourful > 0.5, "map not rendered: \(colourful)")
        #expect(text > 0.01, "table not rendered: \(text)")
    }
}
