import Foundation

/// Paths into the committed `Fixtures/` directory, found from this source file so tests run from
/// any working directory.
public enum Fixtures {
    /// The package root.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The absolute path of a file under `Fixtures/`.
    /// - Parameter relative: For example `"kranj/districts.geojson"`.
    public static func path(_ relative: String) -> String {
        packageRoot.appendingPathComponent("Fixtures").appendingPathComponent(relative).path
    }

    /// The real downsampled Landsat 8 C2 L2 sample (see `Fixtures/samples/landsat-c2l2/SOURCE.md`).
    public static func landsatSample(_ suffix: String) -> String {
        path("samples/landsat-c2l2/LC08_L2SP_001070_20190114_20200830_02_T2_\(suffix)")
    }

    /// The real MODIS MOD11A1 granule (see `Fixtures/samples/modis-mod11a1/SOURCE.md`).
    public static let modisSample = path("samples/modis-mod11a1/MOD11A1.A2019305.h14v09.006.2019306084028.hdf")

    /// The synthetic Kranj Landsat 9 scene made by `Fixtures/generate.py`.
    public static func kranjLandsat(_ suffix: String) -> String {
        path("kranj/LC09_L2SP_190028_20240715_20240716_02_T1_\(suffix)")
    }

    /// The synthetic Kranj MODIS-style clip made by `Fixtures/generate.py`.
    public static let kranjMODIS = path("kranj/MOD11A1.A2024197.h19v04.061_LST_Day_1km.tif")

    /// A reference file of `Fixtures/reference/`, each written by the script of the same name.
    public static func referenceJSON(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path("reference/\(name)")))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}
