/// A k-d tree over points (district centroids), for the nearest-neighbour and distance-band weights:
/// comparing every pair took 9.6 s for the k nearest of 10 000 districts, sorting all the others
/// for each.
///
/// The tree is implicit: `order` holds the point indices so that in every range the middle one
/// splits the rest along that range's wider axis, those before it no greater and those after it no
/// less. A far side is skipped only when its distance along the split axis alone exceeds what is
/// sought; computed in floating point, that distance is never more than the computed distance to
/// any point there, so no point a full comparison would take is skipped, ties included.
/// Points with a coordinate that is not finite are left out: they neighbour nothing.
struct PointTree {
    private let points: [SIMD2<Double>]
    private var order: [Int]
    /// The split axis (0 = x, 1 = y) of the range whose middle is at each position of `order`.
    private var axes: [Int]

    init(_ points: [SIMD2<Double>]) {
        self.points = points
        order = points.indices.filter { points[$0].x.isFinite && points[$0].y.isFinite }
        axes = Array(repeating: 0, count: order.count)
        build(0..<order.count)
    }

    private mutating func build(_ range: Range<Int>) {
        guard range.count > 1 else { return }
        var (low, high) = (SIMD2<Double>(repeating: .infinity), SIMD2<Double>(repeating: -.infinity))
        for k in range {
            low = pointwiseMin(low, points[order[k]])
            high = pointwiseMax(high, points[order[k]])
        }
        let axis = high.x - low.x >= high.y - low.y ? 0 : 1
        let points = self.points
        order[range].sort { (points[$0][axis], $0) < (points[$1][axis], $1) }
        let middle = (range.lowerBound + range.upperBound) / 2
        axes[middle] = axis
        build(range.lowerBound..<middle)
        build(middle + 1..<range.upperBound)
    }

    /// The `k` points nearest to point `i`, without it: by distance, ties by the lower index.
    func nearest(to i: Int, k: Int) -> [Int] {
        let q = points[i]
        guard k > 0, q.x.isFinite, q.y.isFinite else { return [] }
        // Ascending by (squared distance, index); at most k long.
        var best: [(distance: Double, index: Int)] = []
        best.reserveCapacity(k + 1)
        func visit(_ range: Range<Int>) {
            guard !range.isEmpty else { return }
            let middle = (range.lowerBound + range.upperBound) / 2
            let j = order[middle]
            if j != i {
                let d = points[j] - q
                let candidate = ((d * d).sum(), j)
                if best.count < k || candidate < (best[k - 1].distance, best[k - 1].index) {
                    let at = best.firstIndex { candidate < ($0.distance, $0.index) } ?? best.count
                    best.insert(candidate, at: at)
                    if best.count > k { best.removeLast() }
                }
            }
            let across = q[axes[middle]] - points[j][axes[middle]]
            let (near, far) = across <= 0
                ? (range.lowerBound..<middle, middle + 1..<range.upperBound)
                : (middle + 1..<range.upperBound, range.lowerBound..<middle)
            visit(near)
            if best.count < k || across * across <= best[k - 1].distance { visit(far) }
        }
        visit(0..<order.count)
        return best.map(\.index)
    }

    /// Every point other than `i` within `radius` of it by the caller's own test, which gets the
    /// point and the squared distance. Points whose squared distance exceeds radius² by more than
    /// a relative 1e-9 are never offered.
    func within(_ radius: Double, of i: Int, _ body: (_ index: Int, _ squaredDistance: Double) -> Void) {
        let q = points[i]
        guard q.x.isFinite, q.y.isFinite, radius >= 0 else { return }
        let reach = radius * radius * (1 + 1e-9)
        func visit(_ range: Range<Int>) {
            guard !range.isEmpty else { return }
            let middle = (range.lowerBound + range.upperBound) / 2
            let j = order[middle]
            let d = points[j] - q
            let squared = (d * d).sum()
            if j != i && squared <= reach { body(j, squared) }
            let across = q[axes[middle]] - points[j][axes[middle]]
            let (near, far) = across <= 0
                ? (range.lowerBound..<middle, middle + 1..<range.upperBound)
                : (middle + 1..<range.upperBound, range.lowerBound..<middle)
            visit(near)
            if across * across <= reach { visit(far) }
        }
        visit(0..<order.count)
    }
}
