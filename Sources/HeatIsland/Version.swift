public enum HeatIslandVersion { public static let string = "0.1.0" }
