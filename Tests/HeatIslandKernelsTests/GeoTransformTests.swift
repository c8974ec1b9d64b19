import HeatIslandKernels
import Testing

/// A grid's corners and edges in map coordinates, worked by hand.
struct GeoTransformTests {
    /// Origin (100, 200), 10 m columns, 5 m rows southwards; 4 × 2 cells.
    let grid = GeoTransform(originX: 100, pixelWidth: 10, rowRotation: 0, originY: 200, columnRotation: 0, pixelHeight: -5)

    @Test func extentOfANorthUpGrid() {
        let e = grid.extent(width: 4, height: 2)
        #expect(e.minX == 100 && e.maxX == 140 && e.minY == 190 && e.maxY == 200)
    }

    /// Two intervals along each edge: at fractions 0, ½ and 1, the top, bottom, left and right
    /// edges' points in turn (corners come twice).
    @Test func edgePointsWalkTheFourEdges() {
        let points = grid.edgePoints(width: 4, height: 2, steps: 2).map { [$0.x, $0.y] }
        #expect(points == [[100, 200], [100, 190], [100, 200], [140, 200],
                           [120, 200], [120, 190], [100, 195], [140, 195],
                           [140, 200], [140, 190], [100, 190], [140, 190]])
        // Steps are capped: Int.max had run until memory ran out.
        #expect(grid.edgePoints(width: 4, height: 2, steps: .max).count == 4 * (GeoTransform.maximumEdgeSteps + 1))
        #expect(grid.edgePoints(width: 4, height: 2, steps: -3).count == 8)
    }

    /// On a rotated grid the far corner (column 4, row 2) is x = 100 + 4·10 + 2·1 = 142,
    /// y = 200 + 4·2 + 2·(−5) = 198: the last point of the bottom edge.
    @Test func edgePointsFollowARotatedGrid() {
        let rotated = GeoTransform(originX: 100, pixelWidth: 10, rowRotation: 1, originY: 200, columnRotation: 2, pixelHeight: -5)
        let points = rotated.edgePoints(width: 4, height: 2, steps: 2)
        #expect(points.count == 12)
        #expect(points[9].x == 142 && points[9].y == 198)
    }
}
