import Foundation
import HeatIslandGDAL
import HeatIslandKernels

/// The cells of the districts and of the rural reference on a raster, by cell centre.
struct ReferenceMask {
    /// Cells whose centre lies in a district.
    var city: [Bool]
    /// Reference cells: in the reference polygons or the ring, never in a district.
    var reference: [Bool]
    /// Ring only: cells of the whole ring, counted on a grid that holds the districts and the ring
    /// around them, so that the part beyond the raster's edges counts too (`nil` when that grid
    /// would be too large).
    var wholeRingCells: Int?
    /// Polygons only: the share of their union's area inside the raster's extent.
    var polygonShareOnRaster: Double?

    init(raster: GeoRaster, zones: [Zone], reference: RuralReference) throws(HeatIslandError) {
        let (w, h) = (raster.width, raster.height)
        let wrap = LongitudeWrap(grid: raster.transform, width: w, spatialReference: raster.spatialReference)
        let zones = wrap(zones)
        switch reference {
        case .polygon(let given):
            let polygon = wrap(given)
            city = try Self.mask(zones, grid: raster.transform, width: w, height: h)
            // Parts are masked one by one, so that where neighbouring parts overlap (municipalities
            // simplified separately) a cell stays inside rather than cancelling out. District cells
            // are never rural, so a surround given with the city inside still works.
            var inside = [Bool](repeating: false, count: w * h)
            for part in polygon.polygons {
                try Self.add(MultiPolygon([part]), named: "the rural reference polygon", grid: raster.transform, width: w, height: h, into: &inside)
            }
            self.reference = zip(inside, city).map { $0 && !$1 }
            wholeRingCells = nil
            // By area, not cells: the polygons' cells beyond the raster cannot be counted on it.
            // (Districts inside the polygons are not taken out: a surround drawn around the city
            // then reads a little lower than the share of its rural cells.) The area of their
            // union, as for the cells: summed part by part, overlaps counted twice and could lift
            // the share over the 90 % below which a run warns.
            let merged: MultiPolygon
            do {
                merged = try polygon.union()
            } catch { throw .invalidZones(path: "the rural reference polygon", detail: error.description) }
            let e = raster.extent
            let area = merged.area
            polygonShareOnRaster = area > 0 ? min(1, merged.area(inside: SIMD2(e.minX, e.minY), SIMD2(e.maxX, e.maxY)) / area) : nil
        case .ring(let metres):
            // In metres on the ground, also on a geographic grid or a distorting projection (cell
            // size at the raster's centre). A ring wider than the raster's diagonal reaches every
            // cell already: capped there, so that an absurd width does not build a neighbourhood of
            // a million rows first.
            let cell = try raster.groundCellSize()
            let diagonal = hypot(Double(w) * cell.width, Double(h) * cell.height)
            guard let n = FocalNeighbourhood(shape: .circle, radius: min(metres, diagonal), pixelWidth: cell.width, pixelHeight: cell.height) else {
                throw .invalidArgument("the grid's cells measure \(cell.width) × \(cell.height) m on the ground, so a ring in metres cannot be drawn on it")
            }
            // The ring is grown on a grid that extends the raster's over the districts' extent and
            // the ring's width beyond it, with the districts drawn there too, so that the ring around
            // districts that leave the raster is whole; not when that grid would hold more than four
            // times the raster's cells (a ring far wider than the raster, districts far beyond it).
            let t = raster.transform
            var (left, top, right, bottom) = (0, 0, 0, 0)
            var measurable = true
            for bounds in zones.compactMap(\.geometry.bounds) {
                for corner in [bounds.min, bounds.max] {
                    let u = (corner.x - t.originX) / t.pixelWidth, v = (corner.y - t.originY) / t.pixelHeight
                    // A corner a billion cells away: no grid holds that ring, so its share is unknown.
                    guard u.isFinite, v.isFinite, abs(u) < 1e9, abs(v) < 1e9 else { measurable = false; continue }
                    (left, right) = (max(left, -Int(u.rounded(.down))), max(right, Int(u.rounded(.up)) - w))
                    (top, bottom) = (max(top, -Int(v.rounded(.down))), max(bottom, Int(v.rounded(.up)) - h))
                }
            }
            let pads = (left: left + n.columnRadius, top: top + n.rowRadius, right: right + n.columnRadius, bottom: bottom + n.rowRadius)
            let fits = measurable && Double(w + pads.left + pads.right) * Double(h + pads.top + pads.bottom) <= 4 * Double(w) * Double(h)
            let padded = fits ? pads : (left: 0, top: 0, right: 0, bottom: 0)
            let (pw, ph) = (w + padded.left + padded.right, h + padded.top + padded.bottom)
            var grid = t
            grid.originX -= Double(padded.left) * t.pixelWidth
            grid.originY -= Double(padded.top) * t.pixelHeight
            let wide = try Self.mask(zones, grid: grid, width: pw, height: ph)
            let grown = RasterMask.dilate(wide, width: pw, height: ph, neighbourhood: n)
            wholeRingCells = fits ? grown.indices.reduce(0) { $0 + (grown[$1] && !wide[$1] ? 1 : 0) } : nil
            polygonShareOnRaster = nil
            city = [Bool](repeating: false, count: w * h)
            self.reference = city
            for r in 0..<h {
                for c in 0..<w {
                    let k = (r + padded.top) * pw + c + padded.left
                    city[r * w + c] = wide[k]
                    self.reference[r * w + c] = grown[k] && !wide[k]
                }
            }
        }
    }

    /// The share of the whole reference on the raster: for a ring, of its cells, given those found
    /// on the raster; for polygons, of their area.
    func shareOnRaster(cellsOnRaster: Int) -> Double? {
        polygonShareOnRaster ?? wholeRingCells.flatMap { $0 > 0 ? Double(cellsOnRaster) / Double($0) : nil }
    }

    private static func mask(_ zones: [Zone], grid: GeoTransform, width: Int, height: Int) throws(HeatIslandError) -> [Bool] {
        var m = [Bool](repeating: false, count: width * height)
        for zone in zones { try add(zone.geometry, named: "zone \(zone.id) (\(zone.name))", grid: grid, width: width, height: height, into: &m) }
        return m
    }

    private static func add(
        _ geometry: MultiPolygon, named name: String, grid: GeoTransform, width: Int, height: Int, into m: inout [Bool]
    ) throws(HeatIslandError) {
        let spans: CoverageSpans
        do {
            spans = try CoverageRasterizer.spans(for: geometry, grid: grid, width: width, height: height, rule: .center)
        } catch { throw .invalidZones(path: name, detail: error.description) }
        for span in spans.spans {
            for c in Int(span.start)..<Int(span.end) { m[Int(span.row) * width + c] = true }
        }
    }
}
