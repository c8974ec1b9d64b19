/// Measures a stage of a command in seconds.
enum StageClock {
    /// Runs `body` and adds its wall time to `seconds`.
    static func measure<T, E: Error>(_ seconds: inout Double, _ body: () throws(E) -> T) throws(E) -> T {
        let clock = ContinuousClock()
        let start = clock.now
        defer {
            let (s, a) = (clock.now - start).components
            seconds += Double(s) + Double(a) * 1e-18
        }
        return try body()
    }
}
