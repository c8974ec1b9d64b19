/// District means across several scenes (a summer's cloud-free acquisitions, say).
public enum SceneSeriesTable {
    /// CSV `id,name,scenes,mean_over_scenes` then one `mean_<scene>` column per scene: each
    /// district's mean °C in every scene and the mean of those means over the scenes where it has one.
    /// - Parameter runs: Scene names and their district statistics, all in the same zone order.
    /// - Throws: ``HeatIslandError/invalidArgument(_:)`` when a scene's statistics are of other
    ///   districts, or in another order, than the first scene's: its means would go to the wrong rows.
    public static func csv(_ runs: [(name: String, statistics: [ZoneStatistics])]) throws(HeatIslandError) -> String {
        guard let first = runs.first else { return "" }
        let ids = first.statistics.map(\.id)
        if let other = runs.first(where: { $0.statistics.map(\.id) != ids }) {
            throw .invalidArgument("the districts of scene \(other.name) are not those of scene \(first.name), in the same order")
        }
        let header = ["id", "name", "scenes", "mean_over_scenes"] + runs.map { "mean_" + $0.name }
        let rows = first.statistics.indices.map { i -> String in
            let means = runs.map { $0.statistics[i].mean }
            let present = means.compactMap { $0 }
            let overall = present.isEmpty ? nil : present.reduce(0, +) / Double(present.count)
            return ([ZonalTable.quote(first.statistics[i].id), ZonalTable.quote(first.statistics[i].name), String(present.count),
                     ZonalTable.number(overall)] + means.map({ ZonalTable.number($0) })).joined(separator: ",")
        }
        return ([header.joined(separator: ",")] + rows).joined(separator: "\n") + "\n"
    }
}
