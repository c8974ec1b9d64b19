import CGDAL

/// The memory this process may use, as GDAL works it out for its own block cache.
public enum UsableMemory {
    /// Physical memory usable by this process in bytes: the machine's RAM, lowered to a container's
    /// cgroup limit and to the process's `ulimit -v`, which the machine's RAM alone ignores (a
    /// grid sized against it would then abort on allocation instead of being refused).
    /// `Int.max` when GDAL cannot tell (it then reports 0), so that limits derived from it refuse
    /// nothing rather than everything.
    public static var bytes: Int {
        // CPL alone, no driver: registering here, while the command line is parsed, would keep the
        // drivers from registering on another thread meanwhile.
        let usable = CPLGetUsablePhysicalRAM()
        return usable > 0 ? Int(clamping: usable) : .max
    }
}
