import HeatIslandKernels
import Testing

/// Dilation against hand-drawn grids and against the definition itself: a cell is grown when a set
/// cell lies at some (dx, dy) with |dx| ≤ h(dy), looped over directly.
struct RasterMaskTests {
    /// `#` set, `.` not, rows top to bottom.
    static func grid(_ rows: [String]) -> [Bool] {
        rows.flatMap { $0.map { $0 == "#" } }
    }

    /// One cell grown by a circle of radius 2 cells: h(0) = 2, h(±1) = ⌊√3⌋ = 1, h(±2) = 0.
    @Test func oneCellGrowsIntoADigitalDisc() {
        let mask = Self.grid([".......", ".......", "...#...", ".......", "......."])
        let grown = RasterMask.dilate(mask, width: 7, height: 5, neighbourhood: FocalNeighbourhood(shape: .circle, radiusCells: 2))
        #expect(grown == Self.grid(["...#...", "..###..", ".#####.", "..###..", "...#..."]))
    }

    /// Two cells near the edges, a square of radius 1: their 3 × 3 blocks, cut by the grid's edges.
    @Test func squaresAreCutByTheEdges() {
        let mask = Self.grid(["#.....", "......", "......", ".....#"])
        let grown = RasterMask.dilate(mask, width: 6, height: 4, neighbourhood: FocalNeighbourhood(shape: .square, radiusCells: 1))
        #expect(grown == Self.grid(["##....", "##....", "....##", "....##"]))
    }

    /// Non-square pixels: 100 m over 30 m wide and 50 m tall cells reaches two rows up and down and
    /// three columns sideways, h(±1) = ⌊√(100² − 50²) / 30⌋ = 2, h(±2) = 0.
    @Test func nonSquarePixelsGiveTheShapeOnTheGround() throws {
        let n = try #require(FocalNeighbourhood(shape: .circle, radius: 100, pixelWidth: 30, pixelHeight: -50))
        let mask = Self.grid([".........", ".........", "....#....", ".........", "........."])
        let grown = RasterMask.dilate(mask, width: 9, height: 5, neighbourhood: n)
        #expect(grown == Self.grid(["....#....", "..#####..", ".#######.", "..#####..", "....#...."]))
    }

    @Test(arguments: [0.0, 1, 2.5, 5, 7.9, 40])
    func circlesEqualTheDefinition(radius: Double) {
        expectDefinition(FocalNeighbourhood(shape: .circle, radiusCells: radius))
    }

    @Test func squaresAndFlatCirclesEqualTheDefinition() throws {
        expectDefinition(FocalNeighbourhood(shape: .square, radiusCells: 3))
        expectDefinition(try #require(FocalNeighbourhood(shape: .circle, radius: 130, pixelWidth: 20, pixelHeight: 45)))
    }

    /// Random masks from empty to dense on a 31 × 23 grid.
    func expectDefinition(_ n: FocalNeighbourhood, sourceLocation: SourceLocation = #_sourceLocation) {
        let (width, height) = (31, 23)
        var random = CoveragePropertyTests.SplitMix(state: 42)
        for density in [0.0, 0.003, 0.02, 0.1, 0.5] {
            let mask = (0..<(width * height)).map { _ in random.next() < density }
            let grown = RasterMask.dilate(mask, width: width, height: height, neighbourhood: n)
            var expected = [Bool](repeating: false, count: mask.count)
            let r = n.rowRadius
            for y in 0..<height {
                for x in 0..<width {
                    search: for dy in -r...r where (0..<height).contains(y + dy) {
                        let h = n.halfWidths[dy + r]
                        for dx in -h...h where (0..<width).contains(x + dx) && mask[(y + dy) * width + x + dx] {
                            expected[y * width + x] = true
                            break search
                        }
                    }
                }
            }
            #expect(grown == expected, "density \(density), \(n.shape), half-widths \(n.halfWidths)", sourceLocation: sourceLocation)
        }
    }
}
