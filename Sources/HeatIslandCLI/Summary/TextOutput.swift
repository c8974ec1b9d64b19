import Foundation

/// Writes a command's result to a file (atomically) or to standard output.
enum TextOutput {
    static func write(_ text: String, to path: String?) throws(CLIError) {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw .unwritableOutput(path: path, reason: "cannot write the file (missing directory or no permission)")
        }
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("kranj-heat: warning: \(message)\n".utf8))
    }
}
