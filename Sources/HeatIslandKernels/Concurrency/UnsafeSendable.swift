/// Hands buffers (and values that hold them) to `DispatchQueue.concurrentPerform`, whose closure
/// must be `Sendable` while pointers are not.
///
/// The contract the compiler cannot check, kept by every use: inputs are only read, and each task
/// writes only its own elements (its zone, rows, chunk or unit), so no two threads touch the same
/// memory. One wrapper for the whole package, visible to its modules but not to its clients.
package struct UnsafeSendable<T>: @unchecked Sendable {
    package let value: T
    package init(_ value: T) { self.value = value }
}
