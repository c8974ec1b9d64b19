import CCairo
import Foundation
import HeatIsland
import HeatIslandGDAL
import HeatIslandKernels

/// A PNG map of land-surface temperature with district outlines and names, an optional hot/cold
/// spot overlay, a °C legend, a title, a scale bar and a north arrow — drawn with Cairo.
public struct HeatMap: Sendable {
    /// The temperatures (°C) to colour.
    public var raster: GeoRaster
    /// Districts to outline and name, in the raster's CRS.
    public var zones: [Zone]
    /// Gi* classes on the raster's grid (±2 and ±3 are shaded), if any.
    public var hotspots: [Int8]?
    /// The title line (place and date).
    public var title: String
    /// A smaller line under the title (source, method).
    public var subtitle: String

    /// Creates a map description.
    public init(raster: GeoRaster, zones: [Zone], hotspots: [Int8]? = nil, title: String, subtitle: String) {
        self.raster = raster
        self.zones = zones
        self.hotspots = hotspots
        self.title = title
        self.subtitle = subtitle
    }

    /// The same map framed on the zones and their surroundings: the zones' bounding box plus a fifth
    /// of its size on every side, at least 2 km (the default rural ring of HeatIsland's `UHIReport`).
    /// (a fifth alone on a geographic grid). A whole Landsat scene is 185 km across; a city's
    /// districts would be a speck on it. The margin
    /// stops at the grid's edge, but districts the scene covers only in part are drawn whole: the
    /// frame then reaches beyond the grid as far as they do, padded as missing. Unchanged when the
    /// frame is the whole grid.
    public func croppedToZones() -> HeatMap {
        // Classes that do not fit the grid are refused by `write`, which names the file; cropped,
        // they would be read past their end.
        guard hotspots.map({ $0.count == raster.values.count }) ?? true else { return self }
        let boxes = zones.compactMap(\.geometry.bounds)
        guard let first = boxes.first else { return self }
        var lo = first.min, hi = first.max
        for box in boxes.dropFirst() {
            lo = pointwiseMin(lo, box.min)
            hi = pointwiseMax(hi, box.max)
        }
        // (2 km in degrees would depend on the latitude: a geographic grid keeps the fifth alone.)
        let minimum = raster.spatialReference.isGeographic ? 0 : 2_000 / raster.spatialReference.linearUnit.metres
        let margin = max(minimum, 0.2 * max(hi.x - lo.x, hi.y - lo.y))
        let t = raster.transform
        guard let a = t.pixelPoint(x: lo.x - margin, y: hi.y + margin), let b = t.pixelPoint(x: hi.x + margin, y: lo.y - margin),
              let p = t.pixelPoint(x: lo.x, y: hi.y), let q = t.pixelPoint(x: hi.x, y: lo.y) else { return self }
        // At most one grid's size beyond each edge: zones far off the scene must not ask for a huge canvas.
        // (A margin past Double's range makes a NaN pixel position: it clamps too.)
        func index(_ v: Double, _ n: Int) -> Int { GridIndex.clamped(v, .towardZero, to: -n...(2 * n)) }
        // Each side: the margin's edge, but no further out than the grid's edge or the zones' own.
        func side(_ withMargin: Double, _ zones: Double, _ edge: Int, lower: Bool, _ n: Int) -> Int {
            let (m, z) = (index(withMargin, n), index(zones, n))
            return lower ? max(m, min(edge, z)) : min(m, max(edge, z))
        }
        let c0 = side(min(a.column, b.column).rounded(.down), min(p.column, q.column).rounded(.down), 0, lower: true, raster.width)
        let c1 = side(max(a.column, b.column).rounded(.up), max(p.column, q.column).rounded(.up), raster.width, lower: false, raster.width)
        let r0 = side(min(a.row, b.row).rounded(.down), min(p.row, q.row).rounded(.down), 0, lower: true, raster.height)
        let r1 = side(max(a.row, b.row).rounded(.up), max(p.row, q.row).rounded(.up), raster.height, lower: false, raster.height)
        let frame = PixelWindow(column: c0, row: r0, width: c1 - c0, height: r1 - r0)
        guard frame.width > 0, frame.height > 0, frame != .full(width: raster.width, height: raster.height),
              let grid = try? GeoRaster(width: frame.width, height: frame.height, transform: t.shifted(to: frame),
                                        spatialReference: raster.spatialReference, values: padded(raster.values, to: frame, fill: .nan)) else { return self }
        var map = self
        map.raster = grid
        map.hotspots = hotspots.map { padded($0, to: frame, fill: 0) }
        return map
    }

    /// The cells of `frame` (which may reach beyond the grid) row by row, `fill` outside the grid.
    private func padded<T>(_ values: [T], to frame: PixelWindow, fill: T) -> [T] {
        var out = [T](repeating: fill, count: frame.width * frame.height)
        func overlap(_ start: Int, _ length: Int, _ n: Int) -> Range<Int> {
            let lower = max(start, 0)
            return lower..<max(lower, min(start + length, n))
        }
        let columns = overlap(frame.column, frame.width, raster.width)
        guard !columns.isEmpty else { return out }
        for r in overlap(frame.row, frame.height, raster.height) {
            let target = (r - frame.row) * frame.width + (columns.lowerBound - frame.column)
            out.replaceSubrange(target..<(target + columns.count), with: values[(r * raster.width + columns.lowerBound)..<(r * raster.width + columns.upperBound)])
        }
        return out
    }

    /// Draws the map and writes it as PNG (through a temporary file, renamed when complete).
    /// - Parameters:
    ///   - path: The PNG to write.
    ///   - maxSide: The longer side of the map area in pixels, 16 to 16 384.
    /// - Throws: HeatIsland's `HeatIslandError` for a map without valid values, a side outside that range or an unwritable destination.
    public func write(to path: String, maxSide: Int = 900) throws(HeatIslandError) {
        let layout = try Layout(self, maxSide: maxSide, path: path)
        let cairo = try Cairo.open(drawing: path)
        guard let surface = cairo.image_surface_create(CAIRO_FORMAT_ARGB32, Int32(layout.width), Int32(layout.height)) else {
            throw .invalidArgument("Cairo could not create a \(layout.width) × \(layout.height) image")
        }
        defer { cairo.surface_destroy(surface) }
        try draw(cairo, on: surface, layout)
        try Self.atomically(path) { (temporary) -> Bool in
            cairo.surface_flush(surface)
            return cairo.surface_write_to_png(surface, temporary) == CAIRO_STATUS_SUCCESS
        }
    }

    /// Draws the map as SVG (vector outlines, text and legend; the temperatures as an embedded image).
    /// - Parameters:
    ///   - path: The SVG to write.
    ///   - maxSide: The longer side of the map area in points, 16 to 16 384.
    /// - Throws: HeatIsland's `HeatIslandError` for a map without valid values, a side outside that range or an unwritable destination.
    public func writeSVG(to path: String, maxSide: Int = 900) throws(HeatIslandError) {
        let layout = try Layout(self, maxSide: maxSide, path: path)
        let cairo = try Cairo.open(drawing: path)
        try Self.atomically(path) { (temporary) throws(HeatIslandError) -> Bool in
            guard let surface = cairo.svg_surface_create(temporary, Double(layout.width), Double(layout.height)) else { return false }
            defer { cairo.surface_destroy(surface) }
            try draw(cairo, on: surface, layout)
            cairo.surface_finish(surface)
            return cairo.surface_status(surface) == CAIRO_STATUS_SUCCESS
        }
    }

    /// Sizes and colour stretch of one rendering.
    struct Layout {
        let lo: Double, hi: Double, scale: Double
        /// Whether some cells lie below `lo` or above `hi` (drawn in the ramp's end colours).
        let clippedBelow: Bool, clippedAbove: Bool
        let mapW: Int, mapH: Int, width: Int, height: Int
        let origin: (x: Double, y: Double)
        static let (margin, header, legendW) = (20, 70, 205)

        init(_ map: HeatMap, maxSide: Int, path: String) throws(HeatIslandError) {
            // Cairo's surfaces take Int32 sides; a map needs room for its legend's text.
            guard (16...16_384).contains(maxSide) else {
                throw .invalidArgument("\(path): a map side of \(maxSide) pixels is not from 16 to 16 384")
            }
            if let hotspots = map.hotspots, hotspots.count != map.raster.values.count {
                throw .invalidArgument("\(path): the hot-spot classes (\(hotspots.count)) do not match the raster (\(map.raster.values.count) cells)")
            }
            let valid = map.raster.values.filter(\.isFinite).sorted()
            guard let first = valid.first else { throw .noValidPixels(path: path, detail: "nothing to map") }
            // Stretch between the 2nd and 98th percentiles so a few extreme cells do not wash out the map.
            lo = Double(valid[valid.count / 50])
            hi = max(Double(valid[valid.count * 49 / 50]), Double(first) + 1e-3)
            (clippedBelow, clippedAbove) = (Double(first) < lo, Double(valid[valid.count - 1]) > hi)
            scale = Double(maxSide) / Double(max(map.raster.width, map.raster.height))
            (mapW, mapH) = (Int((Double(map.raster.width) * scale).rounded()), Int((Double(map.raster.height) * scale).rounded()))
            (width, height) = (mapW + Self.legendW + 3 * Self.margin, mapH + Self.header + 2 * Self.margin)
            origin = (Double(Self.margin), Double(Self.header + Self.margin))
        }
    }

    private func draw(_ cairo: Cairo, on surface: OpaquePointer, _ l: Layout) throws(HeatIslandError) {
        guard let cr = cairo.create(surface) else { throw .invalidArgument("Cairo could not start drawing") }
        defer { cairo.destroy(cr) }
        cairo.set_source_rgb(cr, 1, 1, 1)
        cairo.paint(cr)
        try drawRaster(cairo, cr, at: l.origin, scale: l.scale, pixel: { v in
            guard v.isFinite else { return (0xFF, Self.missing.0, Self.missing.1, Self.missing.2) }
            let (r, g, b) = ColourRamp.colour((Double(v) - l.lo) / (l.hi - l.lo))
            return (0xFF, r, g, b)
        })
        if let hotspots {
            try drawRaster(cairo, cr, at: l.origin, scale: l.scale, pixel: { _ in (0, 0, 0, 0) }, classes: hotspots)
        }
        cairo.save(cr)
        cairo.rectangle(cr, l.origin.x, l.origin.y, Double(l.mapW), Double(l.mapH))
        cairo.clip(cr)
        drawZones(cairo, cr, at: l.origin, scale: l.scale)
        cairo.restore(cr)
        drawTitle(cairo, cr, margin: Double(Layout.margin))
        drawLegend(cairo, cr, x: l.origin.x + Double(l.mapW + Layout.margin), y: l.origin.y, l)
        drawScaleBar(cairo, cr, x: l.origin.x + 10, y: l.origin.y + Double(l.mapH) - 16, scale: l.scale)
        drawNorthArrow(cairo, cr, x: l.origin.x + Double(l.mapW) - 24, y: l.origin.y + 14)
    }

    /// Writes through a temporary file beside `path` (as GeoTIFF outputs do) and renames it when
    /// Cairo reports success.
    private static func atomically(_ path: String, _ write: (String) throws(HeatIslandError) -> Bool) throws(HeatIslandError) {
        try AtomicOutput.write(to: path, { (temporary) throws(HeatIslandError) in
            guard try write(temporary) else { throw .gdal(.writeFailed(path: path, message: "Cairo could not write the map")) }
        }, failure: { .gdal($0) })
    }

    /// Paints one raster-sized layer scaled onto the map: the temperatures, or (with `classes`) the
    /// edges of the hot and cold spots at ≥ 95 % confidence (lime and cyan: red and blue would be
    /// lost on the temperature colours).
    private func drawRaster(
        _ cairo: Cairo, _ cr: OpaquePointer, at origin: (x: Double, y: Double), scale: Double,
        pixel: (Float) -> (UInt8, UInt8, UInt8, UInt8), classes: [Int8]? = nil
    ) throws(HeatIslandError) {
        let (w, h) = (raster.width, raster.height)
        guard let image = cairo.image_surface_create(CAIRO_FORMAT_ARGB32, Int32(w), Int32(h)),
              let data = cairo.image_surface_get_data(image) else { throw .invalidArgument("Cairo could not create the raster layer") }
        defer { cairo.surface_destroy(image) }
        let stride = Int(cairo.image_surface_get_stride(image))
        cairo.surface_flush(image)
        for row in 0..<h {
            let line = (data + row * stride).withMemoryRebound(to: UInt32.self, capacity: w) { $0 }
            for column in 0..<w {
                let i = row * w + column
                let (a, r, g, b): (UInt8, UInt8, UInt8, UInt8)
                if let classes {
                    // Only the edges of hot and cold spot regions are drawn, in colours the
                    // temperature ramp does not use, so the temperatures stay readable beneath.
                    (a, r, g, b) = Self.spotEdgeColour(classes, row: row, column: column, width: w, height: h)
                } else {
                    (a, r, g, b) = pixel(raster.values[i])
                }
                line[column] = UInt32(a) << 24 | UInt32(r) << 16 | UInt32(g) << 8 | UInt32(b)
            }
        }
        cairo.surface_mark_dirty(image)
        cairo.save(cr)
        cairo.translate(cr, origin.x, origin.y)
        cairo.scale(cr, scale, scale)
        cairo.set_source_surface(cr, image, 0, 0)
        cairo.pattern_set_filter(cairo.get_source(cr), scale >= 1 ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD)
        cairo.paint(cr)
        cairo.restore(cr)
    }

    static let hotEdge: (UInt8, UInt8, UInt8) = (0x39, 0xFF, 0x14)   // lime
    static let coldEdge: (UInt8, UInt8, UInt8) = (0x00, 0xE5, 0xFF)  // cyan
    /// Cells without a temperature (cloud, shadow, fill), outside the colour ramp.
    static let missing: (UInt8, UInt8, UInt8) = (0xD8, 0xD8, 0xD8)  // light grey

    /// Opaque edge colour for a cell on the border of a ≥ 95 % hot or cold spot region, else clear.
    static func spotEdgeColour(_ classes: [Int8], row: Int, column: Int, width: Int, height: Int) -> (UInt8, UInt8, UInt8, UInt8) {
        func group(_ r: Int, _ c: Int) -> Int {
            guard r >= 0, r < height, c >= 0, c < width else { return 0 }
            let k = classes[r * width + c]
            return k >= 2 ? 1 : k <= -2 ? -1 : 0
        }
        let g = group(row, column)
        guard g != 0 else { return (0, 0, 0, 0) }
        let edge = [(row - 1, column), (row + 1, column), (row, column - 1), (row, column + 1)].contains { group($0.0, $0.1) != g }
        guard edge else { return (0, 0, 0, 0) }
        let (r, gg, b) = g > 0 ? hotEdge : coldEdge
        return (0xFF, r, gg, b)
    }

    /// District outlines (white over dark) and names at their centroids.
    private func drawZones(_ cairo: Cairo, _ cr: OpaquePointer, at origin: (x: Double, y: Double), scale: Double) {
        let t = raster.transform
        func point(_ p: SIMD2<Double>) -> (Double, Double) {
            (origin.x + (p.x - t.originX) / t.pixelWidth * scale, origin.y + (p.y - t.originY) / t.pixelHeight * scale)
        }
        for zone in zones {
            for polygon in zone.geometry.polygons {
                for ring in [polygon.exterior] + polygon.holes {
                    for (k, p) in ring.points.enumerated() {
                        let (x, y) = point(p)
                        if k == 0 { cairo.move_to(cr, x, y) } else { cairo.line_to(cr, x, y) }
                    }
                    cairo.close_path(cr)
                }
            }
        }
        cairo.set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo.set_source_rgba(cr, 0, 0, 0, 0.7)
        cairo.set_line_width(cr, 2.4)
        cairo.stroke_preserve(cr)
        cairo.set_source_rgb(cr, 1, 1, 1)
        cairo.set_line_width(cr, 1.0)
        cairo.stroke(cr)
        cairo.select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD)
        cairo.set_font_size(cr, 10)
        for zone in zones {
            guard let c = zone.geometry.centroid else { continue }
            let (x, y) = point(c)
            outlinedText(cairo, cr, zone.name, centredAt: x, y)
        }
    }

    private func outlinedText(_ cairo: Cairo, _ cr: OpaquePointer, _ text: String, centredAt x: Double, _ y: Double) {
        var extents = cairo_text_extents_t()
        cairo.text_extents(cr, text, &extents)
        cairo.move_to(cr, x - extents.width / 2 - extents.x_bearing, y + extents.height / 2)
        cairo.text_path(cr, text)
        cairo.set_source_rgb(cr, 0, 0, 0)
        cairo.set_line_width(cr, 2.5)
        cairo.stroke_preserve(cr)
        cairo.set_source_rgb(cr, 1, 1, 1)
        cairo.fill(cr)
    }

    private func drawTitle(_ cairo: Cairo, _ cr: OpaquePointer, margin: Double) {
        cairo.set_source_rgb(cr, 0.1, 0.1, 0.1)
        cairo.select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD)
        cairo.set_font_size(cr, 20)
        cairo.move_to(cr, margin, margin + 20)
        cairo.show_text(cr, title)
        cairo.select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo.set_font_size(cr, 12)
        cairo.move_to(cr, margin, margin + 42)
        cairo.show_text(cr, subtitle)
    }

    private func drawLegend(_ cairo: Cairo, _ cr: OpaquePointer, x: Double, y: Double, _ l: Layout) {
        let (lo, hi) = (l.lo, l.hi)
        let (barW, barH) = (22.0, 260.0)
        cairo.select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD)
        cairo.set_font_size(cr, 12)
        cairo.set_source_rgb(cr, 0.1, 0.1, 0.1)
        cairo.move_to(cr, x, y + 10)
        cairo.show_text(cr, "LST (°C)")
        let top = y + 22
        for k in 0..<Int(barH) {
            let (r, g, b) = ColourRamp.colour(1 - Double(k) / barH)
            cairo.set_source_rgb(cr, Double(r) / 255, Double(g) / 255, Double(b) / 255)
            cairo.rectangle(cr, x, top + Double(k), barW, 1.2)
            cairo.fill(cr)
        }
        cairo.select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo.set_font_size(cr, 11)
        cairo.set_source_rgb(cr, 0.1, 0.1, 0.1)
        for tick in 0...4 {
            let value = hi - (hi - lo) * Double(tick) / 4
            let ty = top + barH * Double(tick) / 4
            cairo.move_to(cr, x + barW, ty)
            cairo.line_to(cr, x + barW + 5, ty)
            cairo.set_line_width(cr, 1)
            cairo.stroke(cr)
            cairo.move_to(cr, x + barW + 8, ty + 4)
            // The ramp spans the 2nd to 98th percentiles: its ends say when colder or hotter cells share their colour.
            let bound = tick == 0 && l.clippedAbove ? "≥ " : tick == 4 && l.clippedBelow ? "≤ " : ""
            cairo.show_text(cr, bound + String(format: "%.1f", value))
        }
        // A city reader asks what the grey patches are: say it, and which edges mark hot spots.
        let ly = top + barH + 30
        var entries = [("no data (cloud, fill, off scene)", Self.missing)]
        if hotspots != nil {
            entries += [("hot spot edge (Gi*, ≥ 95 %)", Self.hotEdge), ("cold spot edge (Gi*, ≥ 95 %)", Self.coldEdge)]
        }
        for (k, (label, colour)) in entries.enumerated() {
            cairo.set_source_rgb(cr, Double(colour.0) / 255, Double(colour.1) / 255, Double(colour.2) / 255)
            // Edges are drawn as lines, missing cells as areas: the swatch shows which.
            cairo.rectangle(cr, x, ly + Double(k) * 20 + (k == 0 ? 0 : 4), 14, k == 0 ? 12 : 5)
            cairo.fill(cr)
            cairo.set_source_rgb(cr, 0.1, 0.1, 0.1)
            cairo.move_to(cr, x + 20, ly + Double(k) * 20 + 11)
            cairo.show_text(cr, label)
        }
    }

    /// A bar of a round length (1, 2, 5 × 10ⁿ metres) about a fifth of the map wide, measured on the
    /// ground at the map's centre: on Web Mercator at 65° N a map metre is 0.42 m there, and a bar in
    /// map units had said "2 km" over 0.85 km while the ring and radius were ground metres.
    private func drawScaleBar(_ cairo: Cairo, _ cr: OpaquePointer, x: Double, y: Double, scale: Double) {
        guard let (length, pixels) = scaleBar(scale: scale) else { return }
        cairo.set_source_rgba(cr, 1, 1, 1, 0.85)
        cairo.rectangle(cr, x - 6, y - 16, pixels + 12, 26)
        cairo.fill(cr)
        cairo.set_source_rgb(cr, 0, 0, 0)
        cairo.rectangle(cr, x, y, pixels, 5)
        cairo.fill(cr)
        cairo.select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo.set_font_size(cr, 11)
        cairo.move_to(cr, x, y - 4)
        cairo.show_text(cr, length >= 1000 ? String(format: "%.0f km", (length / 1000).rounded(.down)) : String(format: "%.0f m", length.rounded(.down)))
    }

    /// The scale bar's length in metres and in map pixels, with `scale` map pixels per raster cell;
    /// `nil` when the cell cannot be measured on the ground.
    package func scaleBar(scale: Double) -> (metres: Double, pixels: Double)? {
        guard let cell = try? raster.groundCellSize() else { return nil }
        let metresPerPixel = cell.width / scale
        guard metresPerPixel.isFinite, metresPerPixel > 0 else { return nil }
        let target = metresPerPixel * Double(raster.width) * scale / 5
        let power = pow(10, (log10(target)).rounded(.down))
        let length = [1.0, 2, 5, 10].map { $0 * power }.last { $0 <= target } ?? power
        return (length, length / metresPerPixel)
    }

    /// The angle of true north from the map's up, clockwise in radians, at the map's centre: about
    /// 0 on a UTM grid (0.5° at Kranj), but 61° on a polar stereographic grid at Longyearbyen. 0
    /// when PROJ cannot relate the grid to longitude and latitude.
    package var northAngle: Double {
        let t = raster.transform
        let centre = t.mapPoint(column: Double(raster.width) / 2, row: Double(raster.height) / 2)
        guard let wgs84 = try? SpatialReference(epsg: 4326),
              let toLonLat = try? CoordinateTransform(from: raster.spatialReference, to: wgs84),
              let back = try? CoordinateTransform(from: wgs84, to: raster.spatialReference),
              let lonLat = try? toLonLat.transform([centre]).first, lonLat.y < 89.99,
              let north = try? back.transform([(lonLat.x, lonLat.y + 0.001)]).first,
              let a = t.pixelPoint(x: centre.x, y: centre.y), let b = t.pixelPoint(x: north.x, y: north.y) else { return 0 }
        let angle = atan2(b.column - a.column, a.row - b.row)
        return angle.isFinite ? angle : 0
    }

    private func drawNorthArrow(_ cairo: Cairo, _ cr: OpaquePointer, x: Double, y: Double) {
        cairo.set_source_rgba(cr, 1, 1, 1, 0.85)
        cairo.arc(cr, x, y + 10, 16, 0, 2 * .pi)
        cairo.fill(cr)
        // Turned to true north about the disc's centre.
        cairo.save(cr)
        defer { cairo.restore(cr) }
        cairo.translate(cr, x, y + 10)
        cairo.rotate(cr, northAngle)
        cairo.translate(cr, -x, -(y + 10))
        cairo.set_source_rgb(cr, 0, 0, 0)
        cairo.move_to(cr, x, y - 2)
        cairo.line_to(cr, x + 7, y + 16)
        cairo.line_to(cr, x, y + 11)
        cairo.line_to(cr, x - 7, y + 16)
        cairo.close_path(cr)
        cairo.fill(cr)
        cairo.select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD)
        cairo.set_font_size(cr, 9)
        cairo.move_to(cr, x - 3.5, y + 25)
        cairo.show_text(cr, "N")
    }
}
