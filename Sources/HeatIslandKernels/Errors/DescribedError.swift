import Foundation

/// An error whose one-line `description` is also what Foundation reports as its
/// `localizedDescription`, so that a log or a user interface going through Foundation shows the
/// message (on Linux it would otherwise read "The operation could not be completed").
/// Every error type of the package conforms.
public protocol DescribedError: LocalizedError, CustomStringConvertible {}

extension DescribedError {
    /// The error's `description`.
    public var errorDescription: String? { description }
}
