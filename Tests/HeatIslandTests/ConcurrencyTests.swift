import Foundation
import HeatIsland
import HeatIslandGDAL
import HeatIslandKernels
import HeatIslandTestSupport
import Testing

/// Eight analyses at once from Swift concurrency give exactly what they give one by one: every
/// task opens its own GDAL handles, and nothing is shared but values.
struct ConcurrencyTests {
    /// One analysis: load a scene and summarise zones over it — the Kranj districts for the Kranj
    /// scenes, a 3 × 3 grid over the scene's own extent for the real South American samples
    /// (Landsat over Bolivia, MODIS tile h14v09), which the districts do not reach.
    static func analyse(_ path: String) throws -> [Double?] {
        let scene = try LSTLoader.load(path: path)
        let zones: [Zone]
        if path.contains("/kranj/") {
            zones = try ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg"), reprojectTo: scene.raster.spatialReference).zones
        } else {
            let e = scene.raster.extent
            let (dx, dy) = ((e.maxX - e.minX) / 3, (e.maxY - e.minY) / 3)
            zones = (0..<9).map { k in
                let (x0, y0) = (e.minX + Double(k % 3) * dx, e.minY + Double(k / 3) * dy)
                let ring = Ring([SIMD2(x0, y0), SIMD2(x0 + dx, y0), SIMD2(x0 + dx, y0 + dy), SIMD2(x0, y0 + dy), SIMD2(x0, y0)])
                return Zone(id: "\(k)", name: "cell \(k)", geometry: MultiPolygon([Polygon(exterior: ring)]))
            }
        }
        let stats = try ZonalStatisticsRunner.compute(raster: scene.raster, zones: zones)
        return stats.map(\.mean) + [Double(scene.maskCounts.valid)]
    }

    @Test func eightConcurrentAnalysesMatchSequentialOnes() async throws {
        let scenes = [Fixtures.kranjLandsat("ST_B10.TIF"), Fixtures.kranjMODIS, Fixtures.landsatSample("ST_B10.TIF"), Fixtures.modisSample]
        let paths = scenes + scenes
        let sequential = try paths.map(Self.analyse)
        let concurrent = try await withThrowingTaskGroup(of: (Int, [Double?]).self) { group in
            for (i, path) in paths.enumerated() {
                group.addTask { (i, try Self.analyse(path)) }
            }
            var results = [[Double?]](repeating: [], count: paths.count)
            for try await (i, r) in group { results[i] = r }
            return results
        }
        #expect(concurrent == sequential)
        #expect(sequential[0].compactMap { $0 }.count > 20)
        #expect(sequential[2].compactMap { $0 }.count == 10 && sequential[3].compactMap { $0 }.count > 1)
    }
}

/// The async forms give what the synchronous ones give.
struct AsyncAPITests {
    @Test func asyncLoadZonalAndHotspotsMatchTheSynchronousForms() async throws {
        let path = Fixtures.kranjLandsat("ST_B10.TIF")
        let scene = try await LSTLoader.load(path: path)
        #expect(scene.maskCounts.valid == 423026)  // lst_reference.json
        let zones = try await ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg"), reprojectTo: scene.raster.spatialReference).zones
        let stats = try await ZonalStatisticsRunner.compute(raster: scene.raster, zones: zones)
        let syncStats: [ZoneStatistics] = try { try ZonalStatisticsRunner.compute(raster: scene.raster, zones: zones) }()
        #expect(stats == syncStats)
        let streamed = try await ZonalStatisticsRunner.stream(path: path, zonesPath: Fixtures.path("kranj/districts.gpkg"))
        #expect(streamed.statistics == syncStats)
        let progress = ProgressRecorder()
        let map = try await CellHotspots.compute(raster: scene.raster, radius: .cells(3), progress: progress.handler)
        let syncMap: CellHotspots = try { try CellHotspots.compute(raster: scene.raster, radius: .cells(3)) }()
        #expect(map.classes == syncMap.classes && map.z.values.elementsEqual(syncMap.z.values) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        #expect(progress.roseToOne, "\(progress.fractions)")
        var options = DistrictHotspotOptions()
        (options.permutations, options.moran) = (99, true)
        let districtProgress = ProgressRecorder()
        let hot = try await DistrictHotspots.compute(zones: zones, values: stats.map { $0.mean ?? .nan }, weights: .queen(), options: options,
                                                     progress: districtProgress.handler)
        let syncHot: [DistrictHotspot] = try { try DistrictHotspots.compute(zones: zones, values: stats.map { $0.mean ?? .nan }, weights: .queen(), options: options) }()
        #expect(hot == syncHot && hot.contains { $0.pseudoP != nil })
        // 26 districts, each reported once for Gi* and once for Local Moran's I.
        #expect(districtProgress.roseToOne && districtProgress.fractions.count >= 2 * 26, "\(districtProgress.fractions)")
    }

    @Test func aTaskCancelledBeforehandDoesNotStart() async throws {
        let path = Fixtures.kranjLandsat("ST_B10.TIF")
        let task = Task { () async -> HeatIslandError? in
            withUnsafeCurrentTask { $0?.cancel() }
            do throws(HeatIslandError) {
                _ = try await LSTLoader.load(path: path)
                return nil
            } catch { return error }
        }
        #expect(await task.value == .cancelled(operation: path))
    }

    /// Outside an async context Swift picks the synchronous forms.
    private static func synchronousFigures(_ scene: LSTScene, _ zones: ZoneSet) throws -> (stats: [ZoneStatistics], uhi: UHIReport) {
        let stats = try ZonalStatisticsRunner.compute(scene: scene, zones: zones)
        return (stats, try UHIReport.compute(scene: scene, zones: zones, statistics: stats))
    }

    /// The forms that take a scene and a zone set have async overloads too, which a cancelled task
    /// does not start (the synchronous forms ran to their end from one).
    @Test func theSceneFormsHaveAsyncOverloads() async throws {
        let scene = try await LSTLoader.load(path: Fixtures.kranjLandsat("ST_B10.TIF"))
        let zones = try await ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg"), reprojectTo: scene.raster.spatialReference)
        let stats = try await ZonalStatisticsRunner.compute(scene: scene, zones: zones)
        let uhi = try await UHIReport.compute(scene: scene, zones: zones, statistics: stats)
        let synchronous = try Self.synchronousFigures(scene, zones)
        #expect(stats == synchronous.stats && uhi == synchronous.uhi)
        let task = Task { () async -> HeatIslandError? in
            withUnsafeCurrentTask { $0?.cancel() }
            do throws(HeatIslandError) {
                _ = try await ZonalStatisticsRunner.compute(scene: scene, zones: zones)
                return nil
            } catch { return error }
        }
        #expect(await task.value == .cancelled(operation: "zonal statistics"))
    }
}

/// A task cancelled while a long operation runs stops it at its next block row or zone: the
/// operation throws `.cancelled`, reports no more progress, and leaves no output behind.
struct CancellationWhileRunningTests {
    /// Holds every progress report past `holdAbove` until the test has cancelled the task, so the
    /// cancellation always lands between two block rows (of a later pass, with `holdAbove`), or, for
    /// zones reduced on several threads, while each thread waits after its first zone.
    final class Gate: @unchecked Sendable {
        private let reached = DispatchSemaphore(value: 0)
        private let state = NSCondition()
        private let holdAbove: Double
        private var count = 0, held = 0, isOpen = false
        /// Reports received, up to and including those held.
        var calls: Int { state.withLock { count } }
        /// Which report (1-based) was held first.
        var heldAt: Int { state.withLock { held } }

        init(holdAbove: Double = 0) { self.holdAbove = holdAbove }

        func handler(_ fraction: Double) {
            state.lock()
            count += 1
            if held == 0 {
                if fraction <= holdAbove {
                    state.unlock()
                    return
                }
                held = count
                reached.signal()
            }
            while !isOpen { state.wait() }
            state.unlock()
        }

        /// Cancels `task` once the first report past `holdAbove` arrived, then lets the operation go on.
        func cancel<T>(_ task: Task<T, Never>) async {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                DispatchQueue.global().async { self.reached.wait(); c.resume() }
            }
            task.cancel()
            state.withLock { isOpen = true; state.broadcast() }
        }
    }

    /// `hotspotStreamFDR` is cancelled in its third pass, which reads z back from the partial output;
    /// `reproject` between two chunks of GDAL's warp.
    enum Operation: String, CaseIterable { case load, zonalInMemory, zonalStream, hotspotsInMemory, hotspotStream, hotspotStreamFDR, reproject, districtPermutations }

    @Test(arguments: Operation.allCases)
    func stopsAtTheNextBlockRowOrZone(_ operation: Operation) async throws {
        let (path, dir, gate) = (Fixtures.kranjLandsat("ST_B10.TIF"), try TemporaryDirectory(), Gate(holdAbove: operation == .hotspotStreamFDR ? 0.5 : 0))
        let output = dir.file("gi.tif")
        let scene = try await LSTLoader.load(path: path)
        let zones = try await ZoneSet.load(path: Fixtures.path("kranj/districts.gpkg"), reprojectTo: scene.raster.spatialReference).zones
        let warp = WarpOptions(target: try SpatialReference(epsg: 3794))
        let means = try await ZonalStatisticsRunner.compute(raster: scene.raster, zones: zones).map { $0.mean ?? .nan }
        // At least four zones a core (copies of the districts on a machine with many), so that a
        // stop can be seen to leave zones undone.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let manyZones = Array(repeating: zones, count: (4 * cores + zones.count - 1) / zones.count).flatMap { $0 }
        let task = Task { () async -> HeatIslandError? in
            do throws(HeatIslandError) {
                switch operation {
                case .load: _ = try await LSTLoader.load(path: path, progress: gate.handler)
                case .zonalInMemory:
                    _ = try await ZonalStatisticsRunner.compute(raster: scene.raster, zones: manyZones, progress: gate.handler)
                case .zonalStream:
                    _ = try await ZonalStatisticsRunner.stream(
                        path: path, zonesPath: Fixtures.path("kranj/districts.gpkg"), blockRows: 16, windowBytes: 0, progress: gate.handler)
                case .hotspotsInMemory:
                    _ = try await CellHotspots.compute(raster: scene.raster, radius: .cells(3), progress: gate.handler)
                case .hotspotStream:
                    _ = try await CellHotspots.stream(path: path, radius: .cells(3), output: output, blockRows: 16, progress: gate.handler)
                case .hotspotStreamFDR:
                    _ = try await CellHotspots.stream(path: path, radius: .cells(3), output: output, fdr: true, blockRows: 16, progress: gate.handler)
                case .reproject:
                    // GDAL's warper asks its progress handler whether to go on after each chunk of rows.
                    try await scene.reproject(with: warp, writingTo: output, progress: gate.handler)
                case .districtPermutations:
                    var options = DistrictHotspotOptions()
                    (options.permutations, options.moran) = (999, true)
                    _ = try await DistrictHotspots.compute(zones: zones, values: means, weights: .queen(), options: options, progress: gate.handler)
                }
                return nil
            } catch { return error }
        }
        await gate.cancel(task)
        let operationName = [.zonalInMemory: "zonal statistics", .hotspotsInMemory: "cell hot spots", .districtPermutations: "district hot spots"][operation] ?? path
        #expect(await task.value == .cancelled(operation: operationName))
        // Block rows go one at a time; zones go on every core, each of which may have finished one
        // zone before the cancellation.
        #expect(operation == .zonalInMemory ? (1...cores).contains(gate.calls) && gate.calls < manyZones.count : gate.calls == gate.heldAt)
        switch operation {
        case .hotspotStreamFDR: #expect(gate.heldAt > 2)
        case .reproject: #expect(gate.heldAt >= 2, "GDAL reports 0 before the warp starts")
        default: #expect(gate.heldAt == 1)
        }
        #expect(dir.entries().isEmpty)
    }
}
